package attachments

import (
	"image"
	"image/color"

	"golang.org/x/image/draw"
)

// Scaling a 12-megapixel photo straight down with a kernel filter takes seconds; averaging blocks of
// k × k pixels first (a box filter, one pass over the photo) brings it near the size wanted, and the
// kernel filter then works on a picture a few times the size of the result.

// shrinkFactor is the block size to average before the final scaling of a w0 × h0 picture to w × h:
// the picture is left at least twice the size wanted where it is that much larger, at least the size
// wanted otherwise; 1 means no averaging.
func shrinkFactor(w0, h0, w, h int) int {
	k := min(w0/w, h0/h)
	if k >= 4 {
		return k / 2
	}
	return max(k, 1)
}

// shrink averages blocks of k × k pixels of src, on white where it is transparent (as the picture is
// shown), into a picture k times smaller (the last part-blocks of the right and bottom edges dropped).
func shrink(src image.Image, k int) *image.RGBA {
	if y, ok := src.(*image.YCbCr); ok {
		return shrinkYCbCr(y, k)
	}
	b := src.Bounds()
	full := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(full, full.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(full, full.Bounds(), src, b.Min, draw.Over)
	return shrinkRGBA(full, k)
}

func shrinkRGBA(src *image.RGBA, k int) *image.RGBA {
	w, h := src.Rect.Dx()/k, src.Rect.Dy()/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	sums := make([]uint32, 4*w)
	n := uint32(k * k)
	for oy := 0; oy < h; oy++ {
		clear(sums)
		for y := oy * k; y < oy*k+k; y++ {
			row := src.Pix[y*src.Stride:]
			for ox := 0; ox < w; ox++ {
				s := sums[4*ox : 4*ox+4]
				p := row[4*ox*k : 4*(ox*k+k)]
				for i := 0; i < len(p); i += 4 {
					s[0] += uint32(p[i])
					s[1] += uint32(p[i+1])
					s[2] += uint32(p[i+2])
					s[3] += uint32(p[i+3])
				}
			}
		}
		dst := out.Pix[oy*out.Stride:]
		for i := range 4 * w {
			dst[i] = uint8(sums[i] / n)
		}
	}
	return out
}

// shrinkYCbCr averages the luma and chroma of each block of a JPEG's picture, then converts the
// averages to RGB: no full-size RGB copy of the photo is made.
func shrinkYCbCr(src *image.YCbCr, k int) *image.RGBA {
	b := src.Rect
	w, h := b.Dx()/k, b.Dy()/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	ys, cbs, crs := make([]uint32, w), make([]uint32, w), make([]uint32, w)
	n := uint32(k * k)
	for oy := 0; oy < h; oy++ {
		clear(ys)
		clear(cbs)
		clear(crs)
		for y := b.Min.Y + oy*k; y < b.Min.Y+oy*k+k; y++ {
			for ox := 0; ox < w; ox++ {
				x0 := b.Min.X + ox*k
				yi := src.YOffset(x0, y)
				for _, v := range src.Y[yi : yi+k] {
					ys[ox] += uint32(v)
				}
				for x := x0; x < x0+k; x++ {
					ci := src.COffset(x, y)
					cbs[ox] += uint32(src.Cb[ci])
					crs[ox] += uint32(src.Cr[ci])
				}
			}
		}
		dst := out.Pix[oy*out.Stride:]
		for ox := 0; ox < w; ox++ {
			r, g, bl := color.YCbCrToRGB(uint8(ys[ox]/n), uint8(cbs[ox]/n), uint8(crs[ox]/n))
			dst[4*ox], dst[4*ox+1], dst[4*ox+2], dst[4*ox+3] = r, g, bl, 255
		}
	}
	return out
}
