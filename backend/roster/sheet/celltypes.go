package sheet

import "sync"

// numericCells tells, for one column, which rows hold a number there (a cell with no type or type n),
// as the verification pass reads the sheet's XML beside the reading of its values. An ID number's
// shown value cannot always tell (431129199001011000 is the same shown either way); its stored type
// can, so the reader asks here and waits for the verification to pass that row.
type numericCells struct {
	mu      sync.Mutex
	passed  sync.Cond
	upto    int    // rows up to this one are known
	done    bool   // the verification has ended (its end, or a fault)
	numeric []bool // by row number
}

func newNumericCells() *numericCells {
	n := &numericCells{}
	n.passed.L = &n.mu
	return n
}

// set records that row holds a number in the column.
func (n *numericCells) set(row int) {
	n.mu.Lock()
	for len(n.numeric) <= row {
		n.numeric = append(n.numeric, false)
	}
	n.numeric[row] = true
	n.mu.Unlock()
}

// pass records that every row up to row is known.
func (n *numericCells) pass(row int) {
	n.mu.Lock()
	n.upto = row
	n.mu.Unlock()
	n.passed.Broadcast()
}

// end records that the verification has ended; rows it did not reach are not numbers (and the sheet is
// refused anyway when it ended on a fault).
func (n *numericCells) end() {
	n.mu.Lock()
	n.done = true
	n.mu.Unlock()
	n.passed.Broadcast()
}

// isNumber waits until row is known and reports whether it holds a number in the column.
func (n *numericCells) isNumber(row int) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for n.upto < row && !n.done {
		n.passed.Wait()
	}
	return row < len(n.numeric) && n.numeric[row]
}
