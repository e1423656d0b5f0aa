package cases

import (
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
)

// Source is how the archive names a case's documents (docs.Archive.BySource).
func Source(id string) docs.Source { return docs.Source{Table: "cases", ID: id} }

// issuer is the office and the operator a case's documents are issued by. Both are printed on the
// paper, so both must be set.
func issuer(tx *store.Tx) (office, operator string, err error) {
	if office, err = tx.OfficeName(); err != nil {
		return "", "", err
	}
	if office == "" {
		return "", "", errs.New(errs.Invalid, "文书要写明发文单位：请先在「设置」中填写单位名称")
	}
	if operator = tx.Operator(); operator == "" {
		return "", "", errs.New(errs.Invalid, "文书要写明经办人：请先在「设置」中填写操作员姓名")
	}
	return cut(office, 40), cut(operator, 20), nil
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// matter is what a document says the case is about: its summary and, when given, its description.
func matter(c Case) string {
	if c.Description == "" {
		return c.Summary
	}
	return c.Summary + "。" + strings.TrimSuffix(c.Description, "。") + "。"
}

// SlipIn builds the 民情交办单 of a case as it stands after a hand-down (ActHandDown): to its handler,
// with the hand-down's requirements, on its day and with its deadline.
func SlipIn(tx *store.Tx, id string) (*docs.Slip, error) {
	c, last, err := caseIn(tx, id)
	if err != nil {
		return nil, err
	}
	if last.Action != ActHandDown {
		return nil, errs.New(errs.Conflict, "民情 %s 的上一步不是交办，没有可开的交办单", c.Number)
	}
	office, operator, err := issuer(tx)
	if err != nil {
		return nil, err
	}
	return &docs.Slip{Org: office, Number: c.Number, Reporter: cut(c.PersonName, 20), Phone: c.PersonPhone,
		Village: cut(c.Location, 40), Matter: matter(c), Requirements: last.Note, Handler: cut(c.Handler, 40),
		Assigned: docs.Date(last.On), Deadline: docs.Date(c.Deadline), AssignedBy: operator}, nil
}

// ReceiptIn builds the 办理回执 of a case handed down and now resolved (ActResolve): from the unit it
// was handed down to, reporting the resolution on its day, to the office that handed it down. The
// satisfaction is left to tick: the follow-up comes after.
func ReceiptIn(tx *store.Tx, id string) (*docs.Receipt, error) {
	c, last, err := caseIn(tx, id)
	if err != nil {
		return nil, err
	}
	if last.Action != ActResolve {
		return nil, errs.New(errs.Conflict, "民情 %s 的上一步不是办结，没有可开的办理回执", c.Number)
	}
	var unit string
	err = tx.QueryRow(`SELECT handler FROM case_events WHERE case_id = ? AND action = ? AND deleted_at IS NULL
		ORDER BY on_date DESC, at DESC, rowid DESC LIMIT 1`, id, ActHandDown).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.New(errs.Conflict, "民情 %s 没有交办过，办结时不开办理回执", c.Number)
	}
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	office, operator, err := issuer(tx)
	if err != nil {
		return nil, err
	}
	person := c.Handler
	if person == "" {
		person = operator
	}
	return &docs.Receipt{Org: office, Number: c.Number, Matter: matter(c), Handler: cut(unit, 40), Result: last.Note,
		Finished: docs.Date(c.ResolvedOn), Person: cut(person, 20), Date: docs.Date(last.On)}, nil
}

// ReminderIn builds the 催办通知书 of an open case as it stands after a 催办 (ActRemind): to its handler
// (or its level's office when it has none), dated the 催办's day, counting days working days from it
// for the case to be settled. The matter was assigned on the day of its latest hand-down (the day its
// 交办单 bears) or, never handed down, on the day it was registered.
func ReminderIn(tx *store.Tx, id string, days int) (*docs.Reminder, error) {
	c, last, err := caseIn(tx, id)
	if err != nil {
		return nil, err
	}
	if !IsOpen(c.State) {
		return nil, errs.New(errs.Conflict, "民情 %s 已是“%s”，不用催办", c.Number, c.State)
	}
	if last.Action != ActRemind {
		return nil, errs.New(errs.Conflict, "民情 %s 的上一步不是催办，没有可开的催办通知书", c.Number)
	}
	if days < 1 || days > 30 {
		return nil, errs.Field("days", "催办的限期应为 1 到 30 个工作日")
	}
	// Handed down: assigned on the day of the (last) hand-down, by the 交办单 that bears the case's
	// number. Never handed down: assigned at registration, with no 交办单 to name.
	assigned, slip := c.RegisteredOn, ""
	err = tx.QueryRow(`SELECT on_date FROM case_events WHERE case_id = ? AND action = ? AND deleted_at IS NULL
		ORDER BY on_date DESC, at DESC, rowid DESC LIMIT 1`, id, ActHandDown).Scan(&assigned)
	switch {
	case err == nil:
		slip = c.Number
	case !errors.Is(err, sql.ErrNoRows):
		return nil, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	office, _, err := issuer(tx)
	if err != nil {
		return nil, err
	}
	to := c.Handler
	if to == "" {
		to = c.Level + "级承办人"
	}
	return &docs.Reminder{To: cut(to, 40), SlipNo: slip, Matter: matter(c), Assigned: docs.Date(assigned),
		Deadline: docs.Date(c.Deadline), NewDays: days, Issuer: office, Date: docs.Date(last.On)}, nil
}

// caseIn reads a case and its latest timeline entry inside a transaction.
func caseIn(tx *store.Tx, id string) (Case, Event, error) {
	c, err := scanCase(tx.QueryRow(`SELECT `+caseColumns+` FROM cases WHERE id = ? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Case{}, Event{}, errs.New(errs.NotFound, "这件民情不存在或已删除")
	}
	if err != nil {
		return Case{}, Event{}, errs.Wrap(err, errs.Internal, "读取民情失败")
	}
	var e Event
	err = tx.QueryRow(`SELECT at, on_date, operator, action, from_state, to_state, level, handler, deadline, note
		FROM case_events WHERE case_id = ? AND deleted_at IS NULL ORDER BY on_date DESC, at DESC, rowid DESC LIMIT 1`, id).
		Scan(&e.At, &e.On, &e.Operator, &e.Action, &e.From, &e.To, &e.Level, &e.Handler, &e.Deadline, &e.Note)
	if err != nil {
		return Case{}, Event{}, errs.Wrap(err, errs.Internal, "读取办理记录失败")
	}
	return c, e, nil
}
