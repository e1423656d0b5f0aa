package docs

import (
	"xiangzhi/backend/docs/engine"
	"xiangzhi/backend/docs/fonts"
)

// partHeading draws the heading of a part (议题：, 履行协议的方式、地点、期限：) in 黑体 and keeps it on a
// page with the part's first line: it never ends a page alone.
func partHeading(d *engine.Doc, text string) {
	d.KeepNext(func() { d.Runs(0, engine.Run{Text: text, Role: fonts.Hei}) })
}
