package fonts

import (
	"embed"
	"sort"
	"strings"
)

//go:embed licenses/*.txt
var licenseFiles embed.FS

// License is the licence text of an embedded font family.
type License struct {
	Font string `json:"font"` // e.g. "NotoSerifSC"
	Text string `json:"text"`
}

// Licenses returns the licences of the embedded fallback fonts (SIL Open
// Font License 1.1), which must travel with the program.
func Licenses() []License {
	entries, _ := licenseFiles.ReadDir("licenses")
	var out []License
	for _, e := range entries {
		b, err := licenseFiles.ReadFile("licenses/" + e.Name())
		if err != nil {
			continue
		}
		out = append(out, License{Font: strings.TrimSuffix(strings.TrimPrefix(e.Name(), "OFL-"), ".txt"), Text: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Font < out[j].Font })
	return out
}
