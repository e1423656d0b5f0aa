package sheet_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"xiangzhi/backend/roster/sheet"
)

// FuzzRead hands the sheet reader any bytes as an .xlsx file: it may refuse them, never panic or
// hang. The seeds are a sound roster and its parts cut short.
func FuzzRead(f *testing.F) {
	dir := f.TempDir()
	seed := filepath.Join(dir, "seed.xlsx")
	if err := sheet.Write(seed, []map[string]string{{"village": "丹口村", "group": "一组", "name": "杨明", "id_number": "430529198001011234"}}); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(seed)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// Any error is fine; a panic is not, nor a hang: an input still being read after 10 s fails
		// here, so that the fuzzer keeps it (a stuck worker only ends the run, input unknown).
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _ = sheet.Read(path)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("still reading %d bytes after 10 s", len(data))
		}
	})
}
