package exchange_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/demo"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// TestEveryTableTravels: a full snapshot of an office holding rows in every shared table of the
// current schema (the township demo, and what the demo leaves out filled in by fillEmpty) makes a new
// office hold exactly the same rows and stamps. A table a later migration adds fails here until the
// demo or fillEmpty gives it rows — and then travels with no exchange code written for it.
func TestEveryTableTravels(t *testing.T) {
	a := newOffice(t, "丹口镇人民政府", "丹口", 0)
	if _, err := demo.Generate(ctx, grid.NewService(a.db, nil), demo.Township, 7, nil); err != nil {
		t.Fatal(err)
	}
	photo := fillEmpty(t, a.db)
	var empty []string
	for _, table := range a.db.SharedTables() {
		var n int
		if err := a.db.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			empty = append(empty, table)
		}
	}
	if len(empty) > 0 {
		sort.Strings(empty)
		t.Fatalf("shared tables with no rows to send (give them rows in fillEmpty): %s", strings.Join(empty, ", "))
	}
	res, err := exchange.Export(ctx, a.db, exchange.ExportOptions{Full: true, Dir: a.out}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := newOffice(t, "县民政局", "县局", 0)
	got, err := exchange.Import(ctx, b.db, res.Path, exchange.ImportOptions{Accept: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Inserted != res.Rows || got.Updated != 0 || got.Conflicts != 0 || !got.NewPeer || !got.Manifest {
		t.Fatalf("import: %+v, export wrote %d rows", got, res.Rows)
	}
	da, db := dump(t, a.db), dump(t, b.db)
	// b's own office row is b's alone; compare the rest.
	own, _ := b.db.Get(ctx, "offices", b.db.Site().OfficeID)
	db = dropRow(db, "offices", own["id"].(string))
	if da != db {
		t.Fatalf("the snapshot did not arrive whole: %s", firstDiff(da, db))
	}
	if res.Files != 1 || got.Files != 1 {
		t.Fatalf("files: exported %d, imported %d, want the one photo", res.Files, got.Files)
	}
	if _, ok := attachments.NewService(b.db, filepath.Dir(b.db.Path())).ReadSum(photo); !ok {
		t.Fatal("the photo's file did not arrive")
	}
	again, err := exchange.Import(ctx, b.db, res.Path, exchange.ImportOptions{}, nil)
	if err != nil || !again.AlreadyImported || again.Backup != "" {
		t.Fatalf("second import: %+v %v", again, err)
	}
}

// fillEmpty writes rows into the shared tables the demo leaves empty: a photo attached to a case (its
// file must travel too), a party to a case, a year's holidays, an archived document, a decision
// on a possible duplicate person, a meeting with its people, agenda, decision, addendum and a
// representative's review, a contract review with its adviser, version, opinion, risk and timeline, and
// a merit shop's rule, article and entries, and a selection with its criterion, nominee, panel,
// recusal, score, objection and honour.
func fillEmpty(t *testing.T, db *store.DB) string {
	t.Helper()
	var caseID, resident string
	if err := db.SQL().QueryRow(`SELECT id FROM cases LIMIT 1`).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow(`SELECT id FROM residents LIMIT 1`).Scan(&resident); err != nil {
		t.Fatal(err)
	}
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "现场照片.png")
	if err := os.WriteFile(photo, img.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := attachments.NewService(db, filepath.Dir(db.Path())).Add(ctx, attachments.Owner{Table: "cases", ID: caseID}, photo, "")
	if err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		rows := []struct {
			table string
			v     store.Values
		}{
			{"person_decisions", store.Values{"id_number": "110101199003077777", "decision": "different", "resident_ids": resident}},
			{"case_parties", store.Values{"case_id": caseID, "role": "相关人", "name": "王五"}},
			{"holidays", store.Values{"year": 2027, "name": "元旦", "first_day": "2027-01-01", "last_day": "2027-01-01"}},
			{"documents", store.Values{"number": "丹口-2026-通知-0001", "kind": "notice", "title": "通知", "sha256": strings.Repeat("0", 64),
				"input": "{}", "pdf": []byte("%PDF-1.4\n%%EOF\n"), "pages": 1, "issued_at": "2026-11-27T10:00:00"}},
		}
		for _, r := range rows {
			if _, err := tx.Insert(r.table, r.v); err != nil {
				return err
			}
		}
		// A meeting with all its parts, whatever the demo holds of them.
		var village string
		if err := tx.QueryRow(`SELECT id FROM villages LIMIT 1`).Scan(&village); err != nil {
			return err
		}
		m, err := tx.Insert("meetings", store.Values{"village_id": village, "kind": "两委会议", "title": "两委会议", "held_on": "2026-11-20", "state": "已定稿"})
		if err != nil {
			return err
		}
		r, err := tx.Insert("meeting_resolutions", store.Values{"meeting_id": m, "text": "同意", "voted": true, "votes_for": 3, "recused": "[]"})
		if err != nil {
			return err
		}
		for _, row := range []struct {
			table string
			v     store.Values
		}{
			{"meeting_members", store.Values{"meeting_id": m, "name": "蓝建国", "attendance": "出席"}},
			{"meeting_items", store.Values{"meeting_id": m, "title": "议题", "case_id": caseID}},
			{"meeting_case_links", store.Values{"resolution_id": r, "meeting_id": m, "case_id": caseID, "action": "交办"}},
			{"meeting_addenda", store.Values{"meeting_id": m, "on_date": "2026-11-21", "text": "补充"}},
			{"rep_reviews", store.Values{"resident_id": resident, "village_id": village, "year": 2025, "grade": "称职", "reviewed_on": "2026-01-10"}},
		} {
			if _, err := tx.Insert(row.table, row.v); err != nil {
				return err
			}
		}
		// A contract review with all its parts.
		adviser, err := tx.Insert("legal_advisers", store.Values{"name": "周敏", "firm": "湖南城步正平律师事务所"})
		if err != nil {
			return err
		}
		q, err := tx.Insert("contract_requests", store.Values{"number": "丹口-合审-2026-0001", "village_id": village, "title": "土地流转合同",
			"type": "土地流转", "state": "已出具意见", "adviser_id": adviser, "submitted_by": "蓝建国", "submitted_on": "2026-11-02",
			"review_days": 5, "deadline": "2026-11-09", "resolution_id": r})
		if err != nil {
			return err
		}
		v, err := tx.Insert("contract_versions", store.Values{"request_id": q, "version": 1, "submitted_on": "2026-11-02",
			"counterparty": "城步县绿源种植专业合作社", "amount_fen": 3750000, "payments": `[{"due":"2027-01-15","amountFen":1250000,"note":""}]`})
		if err != nil {
			return err
		}
		rv, err := tx.Insert("contract_reviews", store.Values{"request_id": q, "version_id": v, "version": 1, "adviser_id": adviser,
			"adviser_name": "周敏", "conclusion": "修改后签订", "issued_on": "2026-11-05"})
		if err != nil {
			return err
		}
		for _, row := range []struct {
			table string
			v     store.Values
		}{
			{"adviser_villages", store.Values{"adviser_id": adviser, "village_id": village, "since": "2026-01-01"}},
			{"contract_risks", store.Values{"request_id": q, "review_id": rv, "level": "高", "problem": "没有违约责任"}},
			{"contract_events", store.Values{"request_id": q, "at": "2026-11-02T02:00:00Z", "on_date": "2026-11-02", "action": "送审"}},
		} {
			if _, err := tx.Insert(row.table, row.v); err != nil {
				return err
			}
		}
		// A merit shop: a rule, an article, a household's credit and a redemption.
		var household string
		if err := tx.QueryRow(`SELECT id FROM households WHERE village_id = ? LIMIT 1`, village).Scan(&household); err != nil {
			return err
		}
		rule, err := tx.Insert("point_rules", store.Values{"activity": "志愿服务", "points": 5, "unit": "半天"})
		if err != nil {
			return err
		}
		goods, err := tx.Insert("point_goods", store.Values{"village_id": village, "name": "洗衣粉", "price": 20, "stock": 2})
		if err != nil {
			return err
		}
		for _, v := range []store.Values{
			{"household_id": household, "village_id": village, "on_date": "2026-11-20", "kind": "获得", "rule_id": rule,
				"activity": "志愿服务", "quantity": 4, "points": 20, "approver": "蓝建国"},
			{"household_id": household, "village_id": village, "on_date": "2026-11-21", "kind": "兑换", "goods_id": goods,
				"activity": "洗衣粉", "points": -20, "approver": "杨丽"},
		} {
			if _, err := tx.Insert("point_entries", v); err != nil {
				return err
			}
		}
		// A selection with all its parts.
		campaign, err := tx.Insert("selection_campaigns", store.Values{"kind": "文明家庭", "year": 2026, "title": "2026年度“文明家庭”评选",
			"quota": 1, "nominate_until": "2026-10-01", "review_until": "2026-10-10", "score_until": "2026-10-20", "phase": "表彰"})
		if err != nil {
			return err
		}
		criterion, err := tx.Insert("selection_criteria", store.Values{"campaign_id": campaign, "name": "家风家教", "weight": 100})
		if err != nil {
			return err
		}
		nomination, err := tx.Insert("selection_nominations", store.Values{"campaign_id": campaign, "household_id": household,
			"name": "某家庭", "village_id": village, "recommender": "村推荐", "deeds": "孝老爱亲", "review": "通过"})
		if err != nil {
			return err
		}
		member, err := tx.Insert("selection_panel", store.Values{"campaign_id": campaign, "name": "蓝书记"})
		if err != nil {
			return err
		}
		for _, row := range []struct {
			table string
			v     store.Values
		}{
			{"selection_recusals", store.Values{"campaign_id": campaign, "member_id": member, "nomination_id": nomination, "reason": "亲属"}},
			{"selection_scores", store.Values{"campaign_id": campaign, "member_id": member, "nomination_id": nomination, "criterion_id": criterion, "score": 90}},
			{"selection_objections", store.Values{"campaign_id": campaign, "nomination_id": nomination, "by_whom": "张三", "received_on": "2026-10-22", "content": "无"}},
			{"honours", store.Values{"household_id": household, "campaign_id": campaign, "title": "2026年度文明家庭", "year": 2026, "awarded_on": "2026-11-01"}},
		} {
			if _, err := tx.Insert(row.table, row.v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return a.SHA256
}

// dropRow removes one row's lines from a dump.
func dropRow(d, table, id string) string {
	var out []string
	skip := false
	for _, l := range strings.Split(d, "\n") {
		if !strings.HasPrefix(l, "  ") {
			skip = l == table+" "+id
		}
		if !skip {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestImportDatabaseFile: another office's database file (an old-style shared .db) is imported as a
// full snapshot of it, its file only read; a copy of this office's own database is refused.
func TestImportDatabaseFile(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	write(t, a, func(tx *store.Tx) error {
		_, err := tx.Insert("villages", store.Values{"name": "丹口村"})
		return err
	})
	b := newOffice(t, "县民政局", "县局", 0)
	before, err := os.ReadFile(a.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	r, err := exchange.Import(ctx, b.db, a.db.Path(), exchange.ImportOptions{Accept: true}, nil)
	if err != nil || r.Inserted != 2 || r.SenderName != "丹口镇" || !r.NewPeer {
		t.Fatalf("%+v %v", r, err)
	}
	if after, _ := os.ReadFile(a.db.Path()); !bytes.Equal(before, after) {
		t.Fatal("the other database's file changed")
	}
	if _, err := exchange.Import(ctx, b.db, b.db.Path(), exchange.ImportOptions{Accept: true}, nil); err == nil ||
		!strings.Contains(err.Error(), "本单位自己的数据库") {
		t.Fatalf("own database: %v", err)
	}
}
