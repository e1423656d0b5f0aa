package docs_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// TestIssueIn: a domain changes its data and issues a document in one transaction; if either fails,
// neither remains. The document is built as a typed value and linked to its source record.
func TestIssueIn(t *testing.T) {
	a := MustArchive(t)
	notice := func(title string) *docs.Notice {
		return &docs.Notice{Title: title, Body: "请各组长于周五前报送名单。", Issuer: "丹口村村民委员会", Date: "2026-11-27"}
	}
	var village string
	var rec docs.Issued
	err := a.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if village, err = tx.Insert("villages", store.Values{"name": "丹口村"}); err != nil {
			return err
		}
		rec, _, err = a.IssueIn(tx, notice("关于报送文明家庭推荐名单的通知"), docs.Source{Table: "villages", ID: village})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Number != "丹口-2026-通知-0001" || rec.Source.ID != village || rec.Kind != "notice" {
		t.Errorf("issued %+v", rec)
	}
	list, err := a.BySource(ctx, docs.Source{Table: "villages", ID: village})
	if err != nil || len(list) != 1 || list[0].ID != rec.ID || list[0].Source.Table != "villages" {
		t.Fatalf("by source: %+v %v", list, err)
	}
	if list, _ := a.BySource(ctx, docs.Source{Table: "villages", ID: "other"}); len(list) != 0 {
		t.Errorf("another record's documents: %+v", list)
	}

	t.Run("ErrInvalidDocumentUndoesTheDomainChange", func(t *testing.T) {
		before := countRows(t, a, `SELECT count(*) FROM villages`)
		err := a.DB.Write(ctx, func(tx *store.Tx) error {
			id, err := tx.Insert("villages", store.Values{"name": "桃林村"})
			if err != nil {
				return err
			}
			_, _, err = a.IssueIn(tx, notice(""), docs.Source{Table: "villages", ID: id})
			return err
		})
		if e := errs.As(err); e.Code != errs.Invalid || e.Field != "title" {
			t.Fatalf("got %v", err)
		}
		if n := countRows(t, a, `SELECT count(*) FROM villages`); n != before {
			t.Errorf("the village stayed though its document failed: %d → %d", before, n)
		}
	})
	t.Run("ErrMissingSource", func(t *testing.T) {
		err := a.DB.Write(ctx, func(tx *store.Tx) error {
			_, _, err := a.IssueIn(tx, notice("通知"), docs.Source{Table: "villages", ID: "nope"})
			return err
		})
		if errs.CodeOf(err) != errs.Invalid {
			t.Errorf("got %v", err)
		}
	})
	t.Run("RenderDocument", func(t *testing.T) {
		pdf, err := docs.RenderDocument(a.Fonts, notice("通知"))
		if err != nil || docs.Pages(pdf) != 2 { // the text, and the 版记 on the back of the sheet
			t.Errorf("%d pages, %v", docs.Pages(pdf), err)
		}
		if _, err := docs.RenderDocument(a.Fonts, notice("")); errs.As(err).Field != "title" {
			t.Errorf("invalid: %v", err)
		}
	})
}

// TestNumbersCarryTheShortName: two offices never issue the same number; a number from before short
// names still finds its document; no number is issued before the short name is set.
func TestNumbersCarryTheShortName(t *testing.T) {
	a := MustArchive(t)
	other := &docs.Archive{DB: storetest.Open(t, store.Options{Clock: storetest.NewClock(issuedAt).Now, ShortName: "西岩"}),
		Fonts: a.Fonts, Issuer: "李强"}
	ours, _, err := a.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil {
		t.Fatal(err)
	}
	theirs, _, err := other.Issue(ctx, "notice", example(t, "notice"), "")
	if err != nil || ours.Number == theirs.Number || theirs.Number != "西岩-2026-通知-0001" {
		t.Errorf("ours %s, theirs %s, %v", ours.Number, theirs.Number, err)
	}

	// A number issued before short names existed keeps working.
	raw, err := sql.Open("sqlite3", filepath.Clean(a.DB.Path()))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE documents SET number = '2026-通知-0001' WHERE id = ?`, ours.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := a.ByNumber(ctx, "2026-通知-0001"); err != nil || got.ID != ours.ID {
		t.Errorf("old number: %+v %v", got, err)
	}
	if next, _, err := a.Issue(ctx, "notice", numbered(t, "notice", 13), ""); err != nil || next.Number != "丹口-2026-通知-0001" {
		t.Errorf("after the old number: %s %v", next.Number, err)
	}

	t.Run("ErrNoShortName", func(t *testing.T) {
		none := &docs.Archive{DB: storetest.Open(t, store.Options{}), Fonts: a.Fonts, Issuer: "李强"}
		_, pdf, err := none.Issue(ctx, "notice", example(t, "notice"), "")
		if e := errs.As(err); e.Field != "shortName" || pdf != nil {
			t.Errorf("got %v", err)
		}
		if n := countRows(t, none, `SELECT count(*) FROM documents`); n != 0 {
			t.Errorf("%d documents", n)
		}
	})
}
