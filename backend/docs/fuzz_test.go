package docs_test

import (
	"testing"

	"xiangzhi/backend/docs"
)

// FuzzDecode hands every document kind any input: it may refuse it, never panic. The seeds are the
// kinds' examples.
func FuzzDecode(f *testing.F) {
	for _, k := range docs.Kinds() {
		f.Add(k.Name, []byte(k.Example))
	}
	f.Add("notice", []byte(`[{"title":1}]`))
	f.Fuzz(func(t *testing.T, kind string, input []byte) {
		k, err := docs.Lookup(kind)
		if err != nil {
			return
		}
		_, _ = k.Decode(input)
	})
}
