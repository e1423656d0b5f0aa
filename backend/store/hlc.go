package store

import (
	"fmt"
	"time"

	"xiangzhi/backend/errs"
)

// HLC is a hybrid logical clock value: wall-clock milliseconds in the high bits and a counter in the
// low 16 bits, so that plain integer order is clock order.
type HLC int64

// MaxClockSkew is how far ahead of this machine's wall clock a stamp may be before it is refused.
const MaxClockSkew = 24 * time.Hour

// Wall returns the wall-clock part of h.
func (h HLC) Wall() time.Time { return time.UnixMilli(int64(h) >> 16).UTC() }

// Counter returns the logical counter part of h.
func (h HLC) Counter() int { return int(h & 0xffff) }

// String formats h as wall time and counter, e.g. 2026-11-27T09:31:41.123Z/0002.
func (h HLC) String() string { return fmt.Sprintf("%s/%04d", formatTime(h.Wall()), h.Counter()) }

// HLCAt returns the clock value for wall time t with counter 0.
func HLCAt(t time.Time) HLC { return HLC(t.UnixMilli() << 16) }

// nextHLC returns the value that follows last at wall time wall: the wall time itself when it is
// ahead, otherwise one tick after last, so the clock never goes backwards.
func nextHLC(last HLC, wall time.Time) HLC {
	if w := HLCAt(wall); w > last {
		return w
	}
	return last + 1
}

// loadHLC reads the persisted clock once per transaction; the write lock is held, so it is current.
func (tx *Tx) loadHLC() error {
	if tx.hlcLoaded {
		return nil
	}
	var last int64
	if err := tx.waitWrites(); err != nil {
		return err
	}
	if err := tx.sqlTx.QueryRowContext(tx.ctx, `SELECT last FROM hlc_state WHERE id = 1`).Scan(&last); err != nil {
		return dbError(err)
	}
	tx.hlcLast, tx.hlcLoaded = HLC(last), true
	return nil
}

// tick issues the next clock value and the wall time it was issued at.
func (tx *Tx) tick() (HLC, time.Time, error) {
	if err := tx.loadHLC(); err != nil {
		return 0, time.Time{}, err
	}
	wall := tx.db.clock()
	tx.hlcLast = nextHLC(tx.hlcLast, wall)
	tx.hlcDirty = true
	return tx.hlcLast, wall, nil
}

// Observe advances the clock past a stamp received from another office, so that later local writes
// order after it. A stamp more than MaxClockSkew ahead of the wall clock is refused (code invalid).
func (tx *Tx) Observe(remote HLC) error {
	if err := tx.loadHLC(); err != nil {
		return err
	}
	wall := tx.db.clock()
	if remote.Wall().After(wall.Add(MaxClockSkew)) {
		return errs.New(errs.Invalid,
			"收到的时间戳 %s 比本机时钟（%s）超前一天以上，已拒绝；请核对发出方电脑的日期和时间",
			remote, formatTime(wall))
	}
	if remote > tx.hlcLast {
		tx.hlcLast, tx.hlcDirty = remote, true
	}
	return nil
}

// Clock returns the last clock value issued or observed in this transaction.
func (tx *Tx) Clock() (HLC, error) {
	if err := tx.loadHLC(); err != nil {
		return 0, err
	}
	return tx.hlcLast, nil
}

// saveHLC persists the clock in the transaction that used it.
func (tx *Tx) saveHLC() error {
	if !tx.hlcDirty {
		return nil
	}
	if err := tx.waitWrites(); err != nil {
		return err
	}
	_, err := tx.sqlTx.ExecContext(tx.ctx, `UPDATE hlc_state SET last = ? WHERE id = 1`, int64(tx.hlcLast))
	return dbError(err)
}
