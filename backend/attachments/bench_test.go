package attachments_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"testing"
	"time"

	"xiangzhi/backend/attachments"
)

// BenchmarkPhoto: a 12-megapixel phone photo (4000×3000 JPEG, with grain so it compresses like a
// real one) attached to a record — checked, hashed, stored — then its thumbnail for the list and its
// preview for the viewer, made in Go. Beside the times: the bytes the window receives for the
// thumbnail and the preview, and what it would receive if it were sent the photo itself (base64).
func BenchmarkPhoto(b *testing.B) {
	f := mustOpen(b)
	img := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	r := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < 3000; y++ {
		for x := 0; x < 4000; x++ {
			n := uint8(r.IntN(24))
			img.SetRGBA(x, y, color.RGBA{uint8(x/16) + n, uint8(y/12) + n, 110 + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	path := f.file(b, "IMG_20261127_101500.jpg", buf.Bytes())
	var add, thumb, preview time.Duration
	var thumbBytes, previewBytes int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		a, err := f.svc.Add(ctx, f.owner, path, "")
		if err != nil {
			b.Fatal(err)
		}
		add += time.Since(start)
		start = time.Now()
		t, err := f.svc.Picture(ctx, a.ID, attachments.ThumbSide)
		if err != nil {
			b.Fatal(err)
		}
		thumb += time.Since(start)
		start = time.Now()
		p, err := f.svc.Picture(ctx, a.ID, attachments.PreviewSide)
		if err != nil {
			b.Fatal(err)
		}
		preview += time.Since(start)
		thumbBytes, previewBytes = base64.StdEncoding.EncodedLen(len(t)), base64.StdEncoding.EncodedLen(len(p))
	}
	n := float64(b.N)
	b.ReportMetric(add.Seconds()/n, "attachment_add_12mp_s@s")
	b.ReportMetric(thumb.Seconds()/n, "attachment_thumbnail_12mp_s@s")
	b.ReportMetric(preview.Seconds()/n, "attachment_preview_12mp_s@s")
	b.ReportMetric(float64(thumbBytes), "attachment_thumbnail_sent_bytes@B")
	b.ReportMetric(float64(previewBytes), "attachment_preview_sent_bytes@B")
	b.ReportMetric(float64(base64.StdEncoding.EncodedLen(buf.Len())), "attachment_photo_base64_bytes@B")
}
