package exchange_test

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// TestConvergence: offices write at random — inserts, edits, deletes and undeletes of villages and
// the pieces under them, create-after-delete, three-way edits of one field — on clocks that disagree
// by up to hours, and exchange bundles on a random schedule in which bundles are dropped, duplicated,
// reordered and replayed. After every office has exchanged with every other, all hold the same rows
// and stamps, and each write two offices made without seeing each other's is a conflict somewhere.
func TestConvergence(t *testing.T) {
	seeds := []int64{1, 2, 3}
	if testing.Short() {
		seeds = seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { converge(t, seed, 3+int(seed)%3, 0) })
	}
	// One office's clock runs 30 hours ahead: the others hold its writes back until theirs catch up.
	t.Run("ahead", func(t *testing.T) { converge(t, 4, 4, 30*time.Hour) })
}

func converge(t *testing.T, seed int64, n int, ahead time.Duration) {
	rng := rand.New(rand.NewSource(seed))
	var offices []*office
	for i := 0; i < n; i++ {
		skew := time.Duration(rng.Intn(4*3600)-2*3600) * time.Second
		if i == 0 {
			skew += ahead
		}
		offices = append(offices, newOffice(t, fmt.Sprintf("第%d乡", i+1), fmt.Sprintf("乡%d", i+1), skew))
	}
	introduce(t, offices...)
	if ahead > 0 {
		// The first office writes with its clock ahead, then someone sets the clock right: its clock
		// values stay ahead (a clock never goes back), but its bundles are dated rightly and taken.
		for i := 0; i < 5; i++ {
			randomWrite(t, rng, offices[0])
		}
		offices[0].clock.Add(-ahead)
	}
	inbox := make([][]string, n) // bundles sent to each office, not yet dropped
	held := 0                    // rows held back by imports (their clock values too far ahead)
	for step := 0; step < 120; step++ {
		i := rng.Intn(n)
		o := offices[i]
		o.clock.Add(time.Duration(rng.Intn(5000)) * time.Millisecond)
		switch r := rng.Intn(10); {
		case r < 6:
			randomWrite(t, rng, o)
		case r < 8:
			j := (i + 1 + rng.Intn(n-1)) % n
			path := send(t, o, offices[j])
			if rng.Intn(5) > 0 { // one in five is lost on the way
				inbox[j] = append(inbox[j], path)
			}
		default:
			if len(inbox[i]) == 0 {
				continue
			}
			k := rng.Intn(len(inbox[i])) // any order
			held += receive(t, o, inbox[i][k]).Quarantined
			if rng.Intn(3) > 0 { // else it stays, to be replayed later
				inbox[i] = append(inbox[i][:k], inbox[i][k+1:]...)
			}
		}
	}
	if ahead > 0 && held == 0 {
		t.Fatal("no office held back a row stamped ahead")
	}
	if ahead > 0 { // the clocks catch up with the one ahead: what was held back is merged
		for _, o := range offices {
			o.clock.Add(ahead)
		}
	}
	everyoneExchanges(t, offices...)
	want := dump(t, offices[0].db)
	for _, o := range offices[1:] {
		if got := dump(t, o.db); got != want {
			t.Fatalf("seed %d: %s differs from %s: %s", seed, o.name, offices[0].name, firstDiff(want, got))
		}
	}
	conflicts := 0
	for _, o := range offices {
		cs, err := o.db.Conflicts(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		conflicts += len(cs)
	}
	t.Logf("seed %d: %d offices, %d rows, %d conflicts recorded, %d rows held back", seed, n, len(ids(t, offices[0].db, "villages"))+len(ids(t, offices[0].db, "pieces")), conflicts, held)
	// Replaying any bundle now changes nothing.
	for i, o := range offices {
		for _, p := range inbox[i] {
			before := dump(t, o.db)
			receive(t, o, p)
			if dump(t, o.db) != before {
				t.Fatalf("replaying %s changed %s", p, o.name)
			}
		}
	}
}

// randomWrite makes one random change at an office through the write path.
func randomWrite(t *testing.T, rng *rand.Rand, o *office) {
	t.Helper()
	err := o.db.Write(ctx, func(tx *store.Tx) error {
		villages := ids(t, o.db, "villages")
		pieces := ids(t, o.db, "pieces")
		switch r := rng.Intn(10); {
		case r < 2 || len(villages) == 0:
			_, err := tx.Insert("villages", store.Values{"name": fmt.Sprintf("村%d", rng.Intn(1000)), "notes": ""})
			return err
		case r < 3:
			_, err := tx.Insert("pieces", store.Values{"village_id": villages[rng.Intn(len(villages))],
				"name": fmt.Sprintf("片%d", rng.Intn(100))})
			return err
		case r < 6: // an edit, often of the same few fields everywhere
			id := villages[rng.Intn(len(villages))]
			_, err := tx.Update("villages", id, store.Values{"notes": fmt.Sprintf("%s记%d", o.name, rng.Intn(3)),
				"kind": []string{"village", "community"}[rng.Intn(2)]})
			return ignoreGone(err)
		case r < 7 && len(pieces) > 0:
			_, err := tx.Update("pieces", pieces[rng.Intn(len(pieces))], store.Values{"seq": rng.Intn(5)})
			return ignoreGone(err)
		case r < 8:
			return ignoreGone(tx.Delete("villages", villages[rng.Intn(len(villages))]))
		case r < 9 && len(pieces) > 0:
			return ignoreGone(tx.Delete("pieces", pieces[rng.Intn(len(pieces))]))
		default:
			err := tx.Restore("villages", villages[rng.Intn(len(villages))])
			if errs.As(err).Code == errs.Conflict {
				return nil // not deleted here: nothing to undo
			}
			return err
		}
	})
	if err != nil {
		t.Fatalf("%s: %v", o.name, err)
	}
}

// ids returns the ids of every row of a table, tombstoned ones included.
func ids(t testing.TB, db *store.DB, table string) []string {
	rows, err := db.SQL().QueryContext(ctx, "SELECT id FROM "+table+" ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// ignoreGone takes "no such live row" for nothing to do: the row was deleted here.
func ignoreGone(err error) error {
	if err != nil && errs.As(err).Code == errs.NotFound {
		return nil
	}
	return err
}
