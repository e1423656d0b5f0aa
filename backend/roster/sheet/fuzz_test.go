package sheet_test

import (
	"os"
	"path/filepath"
	"testing"

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
		_, _ = sheet.Read(path) // any error is fine; a panic is not
	})
}
