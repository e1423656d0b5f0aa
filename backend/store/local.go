package store

import (
	"context"
	"encoding/json"

	"xiangzhi/backend/errs"
)

// LocalSetting returns a setting of this install ("" when unset). Local settings are never shared.
func (db *DB) LocalSetting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.ro.QueryRowContext(ctx, `SELECT value FROM local_settings WHERE key = ?`, key).Scan(&v)
	if isNoRows(err) {
		return "", nil
	}
	return v, dbError(err)
}

// LocalSettings returns the settings of this install under keys, in their order ("" for one unset).
func (db *DB) LocalSettings(ctx context.Context, keys ...string) ([]string, error) {
	vals := make([]string, len(keys))
	for i, key := range keys {
		v, err := db.LocalSetting(ctx, key)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	return vals, nil
}

// LocalSettings is DB.LocalSettings inside a transaction.
func (tx *Tx) LocalSettings(keys ...string) ([]string, error) {
	vals := make([]string, len(keys))
	for i, key := range keys {
		err := tx.QueryRow(`SELECT value FROM local_settings WHERE key = ?`, key).Scan(&vals[i])
		if err != nil && !isNoRows(err) {
			return nil, dbError(err)
		}
	}
	return vals, nil
}

// SetLocal writes a setting of this install and records the change in the audit log.
func (tx *Tx) SetLocal(key, value string) error {
	var old string
	err := tx.QueryRow(`SELECT value FROM local_settings WHERE key = ?`, key).Scan(&old)
	if err != nil && !isNoRows(err) {
		return dbError(err)
	}
	if err == nil && old == value {
		return nil
	}
	if err := tx.exec(`INSERT INTO local_settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return err
	}
	hlc, wall, err := tx.tick()
	if err != nil {
		return err
	}
	return tx.audit("setting", "local_settings", key, []string{key}, hlc, wall)
}

// Operator returns the name of the person working at this install, recorded with every change.
func (db *DB) Operator() string {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.operator
}

// SetOperator records who works at this install from now on. Code invalid when name is empty.
func (db *DB) SetOperator(ctx context.Context, name string) error {
	if name == "" {
		return errs.Field("operator", "操作员姓名不能为空")
	}
	err := db.Write(ctx, func(tx *Tx) error {
		tx.operator = name
		return tx.SetLocal("operator", name)
	})
	if err == nil {
		db.mu.Lock()
		db.operator = name
		db.mu.Unlock()
	}
	return err
}

// decodeFields reads the JSON list of field names stored in an audit entry.
func decodeFields(s string) []string {
	var out []string
	_ = json.Unmarshal([]byte(s), &out)
	return out
}
