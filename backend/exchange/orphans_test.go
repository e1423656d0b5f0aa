package exchange_test

import (
	"testing"
	"time"

	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
)

// TestOrphansAfterMerge: one office deletes a 组 while another adds a 邻 with a household to it. The
// merge takes both (each office did something allowed), and both offices list the 邻 as a record
// whose parent is deleted. Bringing the 组 back at one office reaches the other; deleting the
// household whose 邻 is gone is the other way out.
func TestOrphansAfterMerge(t *testing.T) {
	a := newOffice(t, "丹口镇", "丹口", 0)
	b := newOffice(t, "县民政局", "县局", time.Minute)
	introduce(t, a, b)
	var group, gone string
	write(t, a, func(tx *store.Tx) error {
		village, err := tx.Insert("villages", store.Values{"name": "丹口村"})
		if err != nil {
			return err
		}
		piece, err := tx.Insert("pieces", store.Values{"village_id": village, "name": "一片", "seq": 1})
		if err != nil {
			return err
		}
		if group, err = tx.Insert("groups", store.Values{"piece_id": piece, "name": "一组", "seq": 1}); err != nil {
			return err
		}
		gone, err = tx.Insert("neighbourhoods", store.Values{"group_id": group, "name": "旧邻", "seq": 1})
		return err
	})
	receive(t, b, send(t, a, b))
	write(t, a, func(tx *store.Tx) error {
		if err := tx.Delete("neighbourhoods", gone); err != nil {
			return err
		}
		return tx.Delete("groups", group)
	})
	var nb, household string
	write(t, b, func(tx *store.Tx) (err error) {
		if nb, err = tx.Insert("neighbourhoods", store.Values{"group_id": group, "name": "新邻", "seq": 2}); err != nil {
			return err
		}
		var village string
		if err := tx.QueryRow(`SELECT village_id FROM pieces WHERE id = (SELECT piece_id FROM groups WHERE id = ?)`, group).Scan(&village); err != nil {
			return err
		}
		household, err = tx.Insert("households", store.Values{"neighbourhood_id": gone, "village_id": village, "code": "0001", "address": "河东1号"})
		return err
	})
	receive(t, a, send(t, b, a))
	receive(t, b, send(t, a, b))
	for _, o := range []*office{a, b} {
		list, err := o.db.Orphans(ctx, grid.Contained)
		if err != nil || len(list) != 2 {
			t.Fatalf("%s's orphans: %+v %v", o.name, list, err)
		}
		// Parents first: the 邻 under the deleted 组, then the household under the deleted 邻.
		if len(list[0].IDs) != 1 || list[0].IDs[0] != nb || list[0].Parent != "groups" || list[0].ParentName != "一组" ||
			list[0].TableLabel != "邻" || list[0].Names[0] != "新邻" || len(list[1].IDs) != 1 || list[1].IDs[0] != household ||
			list[1].ParentID != gone {
			t.Fatalf("%s's orphans: %+v", o.name, list)
		}
	}
	// At a, a person brings the 组 back, and deletes the household of the 邻 that is gone.
	write(t, a, func(tx *store.Tx) error {
		if err := tx.SettleOrphans(grid.Contained[2], group, true); err != nil {
			return err
		}
		return tx.SettleOrphans(grid.Contained[3], gone, false)
	})
	if err := a.db.Write(ctx, func(tx *store.Tx) error { return tx.SettleOrphans(grid.Contained[2], group, true) }); err == nil {
		t.Error("settling a settled orphan again was taken")
	}
	receive(t, b, send(t, a, b))
	for _, o := range []*office{a, b} {
		if list, err := o.db.Orphans(ctx, grid.Contained); err != nil || len(list) != 0 {
			t.Fatalf("%s's orphans after settling: %+v %v", o.name, list, err)
		}
	}
	if dump(t, a.db) != dump(t, b.db) {
		t.Fatal("a and b differ after settling")
	}
}
