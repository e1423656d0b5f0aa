package sheet

import (
	"sync"

	"github.com/xuri/excelize/v2"
)

// rawBatch is how many rows the stored-value reader hands over at a time.
const rawBatch = 256

// rawStream reads the stored (raw) values of one column of a sheet's data rows in a goroutine of
// its own, so that on two cores it costs little more time than the pass over the shown values it
// runs beside.
type rawStream struct {
	batches chan []string
	done    chan struct{}
	wg      sync.WaitGroup
	cur     []string
	err     error // written before batches is closed
}

// startRawStream starts reading column col (0-based) of the rows under header h.
func startRawStream(f *excelize.File, h *header, col int) (*rawStream, error) {
	rows, err := f.Rows(h.sheet)
	if err != nil {
		return nil, err
	}
	r := &rawStream{batches: make(chan []string, 4), done: make(chan struct{})}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer close(r.batches)
		defer rows.Close()
		for n := 1; n <= h.row && rows.Next(); n++ {
		}
		batch := make([]string, 0, rawBatch)
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				r.err = err
				break
			}
			if batch = append(batch, at(cells, col)); len(batch) == rawBatch {
				select {
				case r.batches <- batch:
				case <-r.done:
					return
				}
				batch = make([]string, 0, rawBatch)
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

// next returns the stored value of the column in the next row.
func (r *rawStream) next() (string, error) {
	if len(r.cur) == 0 {
		b, ok := <-r.batches
		if !ok {
			return "", r.err
		}
		r.cur = b
	}
	row := r.cur[0]
	r.cur = r.cur[1:]
	return row, nil
}

// stop ends the reading goroutine and waits for it.
func (r *rawStream) stop() {
	close(r.done)
	r.wg.Wait()
}
