package sheet

import (
	"sync"

	"github.com/xuri/excelize/v2"
)

// rawBatch is how many rows the stored-value reader hands over at a time.
const rawBatch = 256

// rawStream reads the stored (raw) values of some columns of a sheet's data rows in a goroutine of
// its own, so that on two cores it costs little more time than the pass over the shown values it
// runs beside. A batch holds the values of rawBatch rows, row after row, len(cols) values a row.
type rawStream struct {
	batches chan []string
	done    chan struct{}
	wg      sync.WaitGroup
	width   int // values a row
	cur     []string
	err     error // written before batches is closed
}

// startRawStream starts reading columns cols (0-based) of the rows under header h.
func startRawStream(f *excelize.File, h *header, cols []int) (*rawStream, error) {
	rows, err := f.Rows(h.sheet)
	if err != nil {
		return nil, err
	}
	r := &rawStream{batches: make(chan []string, 4), done: make(chan struct{}), width: len(cols)}
	size := rawBatch * len(cols)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer close(r.batches)
		defer rows.Close()
		for n := 1; n <= h.row && rows.Next(); n++ {
		}
		batch := make([]string, 0, size)
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				r.err = err
				break
			}
			for _, c := range cols {
				batch = append(batch, at(cells, c))
			}
			if len(batch) == size {
				select {
				case r.batches <- batch:
				case <-r.done:
					return
				}
				batch = make([]string, 0, size)
			}
		}
		if r.err == nil {
			r.err = rows.Error()
		}
		if len(batch) > 0 {
			select {
			case r.batches <- batch:
			case <-r.done:
			}
		}
	}()
	return r, nil
}

// next returns the stored values of the columns in the next row (nil past the last row).
func (r *rawStream) next() ([]string, error) {
	if len(r.cur) == 0 {
		b, ok := <-r.batches
		if !ok {
			return nil, r.err
		}
		r.cur = b
	}
	row := r.cur[:r.width:r.width]
	r.cur = r.cur[r.width:]
	return row, nil
}

// stop ends the reading goroutine and waits for it.
func (r *rawStream) stop() {
	close(r.done)
	r.wg.Wait()
}
