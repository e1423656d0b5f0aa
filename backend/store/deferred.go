package store

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// heldRows are the rows a transaction's Insert has held back since DeferInserts (see there): per
// table and list of columns, the arguments of the rows in the order they were inserted.
type heldRows struct {
	on      bool
	groups  []*rowGroup            // in the order their first row was held
	byTable map[string][]*rowGroup // table -> its groups (one per list of columns)
	rows    int                    // rows held in all groups
}

type rowGroup struct {
	table  *table
	names  []string // the columns
	prefix string   // INSERT INTO table (columns) VALUES
	cols   int
	args   []any // cols values a row
}

// heldRowsMax is how many rows are held before they are written: enough that a statement carries
// many rows, few enough that the arguments stay far under SQLite's limit of 32,766.
const heldRowsMax = 400

// DeferInserts makes Insert hold its rows back until the transaction next runs any other statement
// (a read, an update, a delete) or commits, and write them then, many rows to a statement (a
// 100,000-row roster import costs a third less). Rows are written in the order of the foreign keys
// between their tables, parents first, so rows that refer to rows held with them are valid. A fault
// in a held row (a failed constraint) is then reported by a later call than the Insert that held it;
// the transaction never commits after it. The rows are written on another goroutine while the
// transaction goes on (background.go). For transactions that insert many rows in a row.
func (tx *Tx) DeferInserts() { tx.held.on = true }

// hold keeps an insert of the values args into columns cols of t for writing later.
func (tx *Tx) hold(t *table, cols []string, args []any) error {
	var g *rowGroup
	for _, o := range tx.held.byTable[t.name] { // a table's rows nearly always have the same columns
		if slices.Equal(o.names, cols) {
			g = o
			break
		}
	}
	if g == nil {
		if tx.held.byTable == nil {
			tx.held.byTable = map[string][]*rowGroup{}
		}
		g = &rowGroup{table: t, names: cols, prefix: insertPrefix(t.name, cols), cols: len(cols)}
		tx.held.byTable[t.name] = append(tx.held.byTable[t.name], g)
		tx.held.groups = append(tx.held.groups, g)
	}
	g.args = append(g.args, args...)
	if tx.held.rows++; tx.held.rows >= heldRowsMax {
		return tx.writeInBackground()
	}
	return nil
}

// writeHeld writes the held rows, the tables that others refer to first. A failure ends the
// transaction: the callers whose rows were lost were told they were written.
func (tx *Tx) writeHeld() error {
	if err := tx.waitWrites(); err != nil {
		return err
	}
	err := tx.heldStatements(func(query string, args []any) error { return tx.execNow(query, args...) })
	if err != nil && tx.failed == nil {
		tx.failed = err
	}
	return err
}

// heldStatements hands each statement that writes the held rows to do, parents first, and starts
// the groups afresh (their slices are handed over). A group's rows go heldRowsMax to a statement,
// and the rest in powers of two, so that few statements are prepared.
func (tx *Tx) heldStatements(do func(query string, args []any) error) error {
	for _, g := range parentsFirst(tx.held.groups) {
		for args := g.args; len(args) > 0; {
			n := len(args) / g.cols
			if n > heldRowsMax {
				n = heldRowsMax
			} else {
				n = 1 << (bits.Len(uint(n)) - 1)
			}
			if err := do(tx.sharedInsert(g.prefix, g.cols, args[:n*g.cols], "")); err != nil {
				return err
			}
			args = args[n*g.cols:]
		}
		g.args = nil
	}
	tx.held.rows = 0
	return nil
}

// parentsFirst orders groups so that no group comes before one of a table its own table refers to;
// otherwise (and within a circle of references, which the schema does not have) in their order.
func parentsFirst(groups []*rowGroup) []*rowGroup {
	if len(groups) < 2 {
		return groups
	}
	out := make([]*rowGroup, 0, len(groups))
	done := make([]bool, len(groups))
	waiting := func(g *rowGroup) bool { // a parent of g is held and not yet placed
		for _, p := range g.table.parents {
			for i, o := range groups {
				if !done[i] && o.table.name == p && len(o.args) > 0 {
					return true
				}
			}
		}
		return false
	}
	for len(out) < len(groups) {
		placed := false
		for i, g := range groups {
			if !done[i] && !waiting(g) {
				done[i], placed = true, true
				out = append(out, g)
			}
		}
		if !placed { // a circle: the rest in their order
			for i, g := range groups {
				if !done[i] {
					done[i] = true
					out = append(out, g)
				}
			}
		}
	}
	return out
}

var insertPrefixes sync.Map // table and columns -> "INSERT INTO table (columns) VALUES "

func insertKey(table string, cols []string) string { return table + "\x00" + strings.Join(cols, ",") }

// insertPrefix returns the start of an INSERT of cols into table, up to its VALUES.
func insertPrefix(table string, cols []string) string {
	key := insertKey(table, cols)
	if p, ok := insertPrefixes.Load(key); ok {
		return p.(string)
	}
	p := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	insertPrefixes.Store(key, p)
	return p
}
