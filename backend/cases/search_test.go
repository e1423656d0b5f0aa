package cases_test

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/store"
)

// The full-text index (FTS5 trigram, migration 0015) finds exactly the cases whose text contains a
// word, for words of every length, after every kind of write: register, an edit of the text, a
// handler assigned (who is not searched for as text: a list filters by handler), a tombstone, the
// other people a case concerns added at registration or later, taken off and put back. The answer is compared with a search done by hand over the text of
// the live cases.
func TestSearchIndexMatchesTheText(t *testing.T) {
	s, db, _ := open(t, day("2026-11-02"))
	r := rand.New(rand.NewSource(7))
	words := []string{"自来水", "停水", "宅基地", "纠纷", "围墙", "村道", "塌方", "养老保险", "低保", "路灯", "垃圾", "河道",
		"漏雨", "危房", "补贴", "医保", "水渠", "噪音", "ABC", "abc", "１２３"}
	people := []string{"杨秀英", "龙大海", "吴长生", "石花", "欧阳明"}
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.Intn(len(words))])
		}
		return b.String()
	}
	text := map[string]string{} // live case id → its searchable text
	textOf := func(id string) {
		t.Helper()
		c, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		parts := []string{c.Number, c.Summary, c.Description, c.Location, c.PersonName}
		for _, p := range c.Parties {
			parts = append(parts, p.Name)
		}
		text[id] = strings.Join(parts, " ")
	}
	var ids []string
	for i := range 90 {
		var parties []cases.PartyInput
		if i%5 == 0 { // registered with the other side of the matter named
			parties = []cases.PartyInput{{Name: people[r.Intn(len(people))] + "妻"}}
		}
		id, _, err := s.Register(ctx, cases.Input{Source: "来访", Category: "民生诉求", Summary: pick(2), Description: pick(3),
			Location: pick(1), PersonName: people[r.Intn(len(people))], Parties: parties})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		textOf(id)
	}
	// Edits below the service (as an import or a merge would write them), handlers, tombstones.
	var edited []string
	for i, id := range ids {
		switch i % 6 {
		case 1:
			if err := db.Write(ctx, func(tx *store.Tx) error {
				// One column at a time, so that each must set off the index's trigger.
				col := []string{"summary", "description", "location", "person_name"}[i/6%4]
				old, err := tx.Get("cases", id)
				if err != nil {
					return err
				}
				// Both the old text and the new are searched for below: the old must be gone.
				now := pick(1) + fmt.Sprintf("第%d处", i)
				edited = append(edited, old[col].(string), now)
				_, err = tx.Update("cases", id, store.Values{col: now})
				return err
			}); err != nil {
				t.Fatal(err)
			}
			textOf(id)
		case 2:
			if err := s.Act(ctx, id, cases.Step{Action: cases.ActAccept}); err != nil {
				t.Fatal(err)
			}
			if err := s.Act(ctx, id, cases.Step{Action: cases.ActAssign, Level: "村", Handler: people[i%len(people)] + "干部"}); err != nil {
				t.Fatal(err)
			}
			textOf(id)
		case 3:
			if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Delete("cases", id) }); err != nil {
				t.Fatal(err)
			}
			delete(text, id)
		case 4, 5: // people added; on every other case one taken off again, on some of those put back
			var added []string
			for k := range 1 + i%3 {
				name := fmt.Sprintf("当事人%d号", i*10+k)
				if k == 0 && i%6 == 5 {
					// in the names of the people taken off (some put back): a short word the index
					// has, so that the LIKE path below must leave out those taken off for good
					name += "癸"
				}
				pid, err := s.AddParty(ctx, id, cases.PartyInput{Role: cases.PartyRoles[k%3], Name: name})
				if err != nil {
					t.Fatal(err)
				}
				added = append(added, pid)
			}
			if i%6 == 5 {
				if err := s.RemoveParty(ctx, id, added[0]); err != nil {
					t.Fatal(err)
				}
				if i%4 == 1 {
					if err := s.RestoreParty(ctx, id, added[0]); err != nil {
						t.Fatal(err)
					}
				}
			}
			textOf(id)
		}
	}
	queries := []string{"水", "纠", "停水", "道塌", "干部", "宅基地", "养老保险低保", "秀英", "欧阳明", "abc", "ABC", "Bc",
		"１２３", "丹口-2026", "0003", "自来水 纠纷", "水 围墙", "不存在的事", `"`, `水"塌`, "NEAR(停水", "停水*", "a OR b",
		"当事人", "当事", "人4", "当事人40号", "当事人41号", "当事人400号", "秀英妻", "妻", "号癸", "癸"}
	for i := range 90 {
		queries = append(queries, fmt.Sprintf("当事人%d号", i*10))
	}
	queries = append(queries, edited...)
	for _, w := range words {
		queries = append(queries, w, string([]rune(w)[:1]))
	}
	check(t, s, text, queries)
	// The same with every short word too common for the index (matched with LIKE).
	defer cases.SetMaxPrefixTerms(0)()
	check(t, s, text, queries)
}

// check compares the cases each query finds with those whose text contains all its words.
func check(t *testing.T, s *cases.Service, text map[string]string, queries []string) {
	t.Helper()
	for _, q := range queries {
		var want []string
		for id, body := range text {
			all := true
			for _, w := range strings.Fields(q) {
				if !strings.Contains(strings.ToLower(body), strings.ToLower(w)) {
					all = false
				}
			}
			if all {
				want = append(want, id)
			}
		}
		p, err := s.List(ctx, cases.Query{Text: q, Limit: 500})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var got []string
		for _, c := range p.Items {
			got = append(got, c.ID)
		}
		sort.Strings(want)
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(want) || p.Total != len(want) {
			t.Errorf("%q: found %d (total %d), want %d", q, len(got), p.Total, len(want))
		}
	}
}
