package docs

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// draftNotIssued refuses (code conflict) a draft already issued: the window sends the same draft
// again after a double click, or from a second window.
func draftNotIssued(tx *store.Tx, draftID string) error {
	if draftID == "" {
		return nil
	}
	var number, at string
	err := tx.QueryRow(`SELECT number, issued_at FROM documents WHERE draft_id = ? AND deleted_at IS NULL`, draftID).Scan(&number, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return errs.Wrap(err, errs.Internal, "无法读取存档")
	}
	return errs.New(errs.Conflict, "这份草稿已于 %s 发文存档，存档号 %s；没有再发一次", whenCN(at), number)
}

// whenCN writes a stored local time (2026-11-27T10:04:05) as officers read it: 2026年11月27日 10:04.
func whenCN(at string) string {
	t, err := time.Parse("2006-01-02T15:04:05", at)
	if err != nil {
		return at
	}
	return t.Format("2006年1月2日 15:04")
}

// MaxVoidReason bounds the reason given for voiding a document.
const MaxVoidReason = 200

// Void marks an issued document as voided (作废) with the reason, the time and the operator: it stays
// in the archive and can be viewed and printed, its record says 已作废 with the reason, and counts
// leave it out. Errors: invalid (no reason, or too long: field reason; no operator), not_found,
// conflict (already voided).
func (a *Archive) Void(ctx context.Context, id, reason string) (Issued, error) {
	reason, err := textrule.Free("reason", "作废原因", reason, MaxVoidReason)
	if err != nil {
		return Issued{}, err
	}
	if reason == "" {
		return Issued{}, errs.Field("reason", "请写明作废原因")
	}
	var rec Issued
	err = a.DB.Write(ctx, func(tx *store.Tx) error {
		old, err := getIssued(txRow{tx}, id)
		if err != nil {
			return err
		}
		if old.VoidedAt != "" {
			return errs.New(errs.Conflict, "存档号 %s 的文书已于 %s 作废", old.Number, whenCN(old.VoidedAt))
		}
		by := tx.Operator()
		if by == "" {
			return errs.Field("operator", "还没有填写操作员：作废要记下经办人，请先在「设置」中填写操作员姓名")
		}
		if _, err := tx.Update("documents", id, store.Values{"voided_at": tx.Now().Format("2006-01-02T15:04:05"),
			"void_reason": reason, "voided_by": by}); err != nil {
			return err
		}
		rec, err = getIssued(txRow{tx}, id)
		return err
	})
	return rec, err
}
