package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"xiangzhi/backend/errs"
)

// Site is this office's identity, created on first open.
type Site struct {
	SiteID    string `json:"siteId"`    // random 128 bits as 32 hex digits
	OfficeID  string `json:"officeId"`  // this office's row in the shared offices table
	CreatedAt string `json:"createdAt"` // when the database was created (UTC ISO)
}

// systemOperator is recorded as the operator of what the program does by itself.
const systemOperator = "系统"

// ensureSite loads the office identity, creating it (and the office's row) on first open, and the
// local number of its site id in the sites table, which the history tables store instead of the id.
func (db *DB) ensureSite(ctx context.Context) error {
	err := db.ro.QueryRowContext(ctx, `SELECT site_id, office_id, created_at FROM site WHERE id = 1`).
		Scan(&db.site.SiteID, &db.site.OfficeID, &db.site.CreatedAt)
	if err == nil {
		err = db.ro.QueryRowContext(ctx, `SELECT site_no FROM sites WHERE site_id = ?`, db.site.SiteID).Scan(&db.siteNo)
		if isNoRows(err) { // not expected: the migration numbers the site; number it now
			return db.Write(ctx, func(tx *Tx) (err error) {
				db.siteNo, err = tx.siteNumber(db.site.SiteID)
				return err
			})
		}
		return dbError(err)
	}
	if !isNoRows(err) {
		return dbError(err)
	}
	var raw [16]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return errs.Wrap(err, errs.Internal, "无法生成单位标识")
	}
	db.site.SiteID = hex.EncodeToString(raw[:])
	db.site.CreatedAt = formatTime(db.clock())
	db.operator = systemOperator
	return db.Write(ctx, func(tx *Tx) (err error) {
		if db.siteNo, err = tx.siteNumber(db.site.SiteID); err != nil {
			return err
		}
		office := Values{"office_site": db.site.SiteID, "name": db.opts.OfficeName}
		if db.opts.ShortName != "" {
			office["short_name"] = db.opts.ShortName
		}
		officeID, err := tx.Insert("offices", office)
		if err != nil {
			return err
		}
		db.site.OfficeID = officeID
		return tx.exec(`INSERT INTO site (id, site_id, office_id, created_at) VALUES (1, ?, ?, ?)`,
			db.site.SiteID, officeID, db.site.CreatedAt)
	})
}

// siteNumber returns the local number of a site id, numbering it when it is new.
func (tx *Tx) siteNumber(siteID string) (int64, error) {
	if err := tx.exec(`INSERT INTO sites (site_id) VALUES (?) ON CONFLICT (site_id) DO NOTHING`, siteID); err != nil {
		return 0, err
	}
	var no int64
	err := tx.sqlTx.QueryRowContext(tx.ctx, `SELECT site_no FROM sites WHERE site_id = ?`, siteID).Scan(&no)
	return no, dbError(err)
}
