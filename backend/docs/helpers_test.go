package docs_test

import "xiangzhi/backend/docs/internal/pdftest"

// The shared helpers of the document tests (see package pdftest).
var (
	mustFonts = pdftest.Fonts
	outDir    = pdftest.OutDir
	run       = pdftest.Run
	write     = pdftest.Write
	squash    = pdftest.Squash
)
