package exchange

import (
	"context"

	"xiangzhi/backend/store"
)

// ReleaseQuarantine merges the rows bundles held back (store.Tx.Merge) that may be merged now that
// this office's clock has caught up with them; it returns how many. An import does it first anyway;
// this is for a person who does not want to wait for the next bundle.
func ReleaseQuarantine(ctx context.Context, db *store.DB) (int, error) {
	n := 0
	err := db.Write(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.ReleaseQuarantine()
		return err
	})
	return n, err
}
