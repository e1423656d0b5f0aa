package store

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Many-row INSERTs carry a value for every column of every row, and binding a value to a statement
// is a call into SQLite that costs about as much as SQLite's own work on a short value. The rows of
// one statement often agree on many columns (the office and operator of every row; the table, field
// and site of every stamp; the empty notes of a roster's people), so such a column is bound once,
// as a numbered parameter that every row names.

var (
	multiInserts sync.Map     // multiKey -> query
	remembered   atomic.Int32 // statements in multiInserts
)

// multiRemembered is how many statements multiInserts keeps: the first ones made, which a
// program's usual writes soon are. Others are made afresh each time they are wanted.
const multiRemembered = 512

type multiKey struct {
	prefix, suffix string
	cols, rows     int
	shared         uint64 // the columns bound once (bit i: column i)
}

// multiInsert returns prefix followed by rows groups of cols placeholders and suffix.
func multiInsert(prefix string, cols, rows int, suffix string) string {
	return multiQuery(multiKey{prefix: prefix, suffix: suffix, cols: cols, rows: rows})
}

// sharedRowsMin is the fewest rows whose statement binds shared columns once. Fewer rows save few
// calls, and the columns they happen to share would make a statement of their own for each way.
const sharedRowsMin = 64

// sharedInsert returns the statement that inserts the rows of args (cols values a row, in the
// order of the columns named in prefix) and the arguments to run it with: each column whose value
// is the same in every row is bound once, before the rest of the rows' values. Which columns those
// are depends on the rows (a batch of people who all have the same ethnicity), and each way is a
// statement the transaction prepares and keeps until it ends (some 0.7 MB for 256 rows of a
// person). So within a transaction the columns shared by statements of one shape only ever become
// fewer: a batch that shares more than the one before it is written as that one was, and the
// statements of a shape are at most one more than its columns.
func (tx *Tx) sharedInsert(prefix string, cols int, args []any, suffix string) (string, []any) {
	k := multiKey{prefix: prefix, suffix: suffix, cols: cols, rows: len(args) / cols}
	if k.rows >= sharedRowsMin && cols <= 64 {
		shared := sharedColumns(cols, args)
		if before, ok := tx.shared[k]; ok {
			shared &= before
		}
		if tx.shared == nil {
			tx.shared = map[multiKey]uint64{}
		}
		tx.shared[k] = shared // (k.shared is 0 here: the key is the shape)
		k.shared = shared
	}
	return multiQuery(k), sharedArgs(k, args)
}

// sharedArgs returns the arguments of the statement of k for the rows of args: the shared columns'
// values, then the others row after row.
func sharedArgs(k multiKey, args []any) []any {
	if k.shared == 0 {
		return args
	}
	out := make([]any, 0, len(args))
	for c := 0; c < k.cols; c++ {
		if k.shared&(1<<c) != 0 {
			out = append(out, args[c])
		}
	}
	for i, v := range args {
		if k.shared&(1<<(i%k.cols)) == 0 {
			out = append(out, v)
		}
	}
	return out
}

// sharedColumns returns the columns (bit i: column i < 64) whose value is the same in every row of
// args.
func sharedColumns(cols int, args []any) uint64 {
	var shared uint64
	for c := 0; c < cols; c++ {
		first := args[c]
		same := bindable(first)
		for i := c + cols; same && i < len(args); i += cols {
			same = sameValue(first, args[i])
		}
		if same {
			shared |= 1 << c
		}
	}
	return shared
}

// bindable says whether v is of a kind whose rows sharedColumns compares: text, an integer or NULL.
// A float is never shared (0.0 and -0.0 are equal and not the same value), nor a blob (nil and
// empty are equal bytes, and one is NULL and the other not; a row's blob is its own id anyway).
func bindable(v any) bool {
	switch v.(type) {
	case nil, string, int64, int:
		return true
	}
	return false
}

// multiQuery returns (and remembers) the statement of k: its prefix, then its rows, each a group of
// placeholders, then its suffix. With shared columns every placeholder is numbered: the shared ones
// 1, 2, … in column order, then the others row after row.
func multiQuery(k multiKey) string {
	if q, ok := multiInserts.Load(k); ok {
		return q.(string)
	}
	var b strings.Builder
	b.WriteString(k.prefix)
	if k.shared == 0 {
		group := "(" + placeholders(k.cols) + ")"
		b.WriteString(strings.TrimSuffix(strings.Repeat(group+", ", k.rows), ", "))
	} else {
		number := map[int]int{} // shared column -> its parameter
		for c := 0; c < k.cols; c++ {
			if k.shared&(1<<c) != 0 {
				number[c] = len(number) + 1
			}
		}
		next := len(number) + 1
		for r := 0; r < k.rows; r++ {
			if r > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c := 0; c < k.cols; c++ {
				if c > 0 {
					b.WriteString(", ")
				}
				b.WriteByte('?')
				if n, ok := number[c]; ok {
					b.WriteString(strconv.Itoa(n))
				} else {
					b.WriteString(strconv.Itoa(next))
					next++
				}
			}
			b.WriteByte(')')
		}
	}
	b.WriteString(k.suffix)
	q := b.String()
	if remembered.Load() < multiRemembered {
		if _, had := multiInserts.LoadOrStore(k, q); !had {
			remembered.Add(1)
		}
	}
	return q
}
