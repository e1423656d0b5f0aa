package attachments

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"

	"golang.org/x/image/draw"

	"xiangzhi/backend/errs"
)

// Sizes of the pictures made for the window: a thumbnail in a list, a preview to look at.
const (
	ThumbSide   = 160  // longest side of a thumbnail, pixels (shown at 80 px: sharp on a 2× screen)
	PreviewSide = 1600 // longest side of a preview
	// maxPixels bounds the pictures decoded for a thumbnail (a 50-megapixel photo takes 200 MB to
	// decode); a larger one is kept and can be saved, but gets no thumbnail.
	maxPixels = 60_000_000
)

// Picture returns a JPEG of an attachment's picture scaled to fit side × side pixels (never
// enlarged), turned upright as its EXIF orientation says. Codes: those of Open; invalid (field file)
// for a PDF, a HEIC photo or a picture too large to decode here, which the window cannot show.
func (s *Service) Picture(ctx context.Context, id string, side int) ([]byte, error) {
	a, data, err := s.Open(ctx, id)
	if err != nil {
		return nil, err
	}
	return Scaled(data, a.Mime, side)
}

// Scaled returns a JPEG of the picture data (of type mime) fitting side × side, upright; see Picture.
func Scaled(data []byte, mime string, side int) ([]byte, error) {
	if !decodable(mime) {
		return nil, errs.Field("file", "这种文件（%s）不能在窗口中显示为图片", mime)
	}
	cfg, err := checkPicture(data)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取图片")
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, errs.Field("file", "图片太大（%d×%d 像素），窗口中不显示缩略图；可另存后用看图软件打开", cfg.Width, cfg.Height)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法读取图片")
	}
	orient := 1
	if mime == JPEG {
		orient = exifOrientation(data)
	}
	b := src.Bounds()
	w, h := fit(b.Dx(), b.Dy(), side)
	if k := shrinkFactor(b.Dx(), b.Dy(), w, h); k > 1 {
		src = shrink(src, k)
		b = src.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// A transparent picture (PNG, WebP) is shown on white, as on paper.
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, orientate(dst, orient), &jpeg.Options{Quality: 82}); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法生成缩略图")
	}
	return out.Bytes(), nil
}

// fit is w × h scaled to fit side × side, never enlarged, at least 1 × 1.
func fit(w, h, side int) (int, int) {
	if w <= side && h <= side {
		return w, h
	}
	if w >= h {
		return side, max(1, h*side/w)
	}
	return max(1, w*side/h), side
}

// orientate turns an upright copy of img by an EXIF orientation (1–8; others leave it as it is).
func orientate(img *image.RGBA, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o >= 5 {
		ow, oh = h, w
	}
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var nx, ny int
			switch o {
			case 2: // mirrored
				nx, ny = w-1-x, y
			case 3: // upside down
				nx, ny = w-1-x, h-1-y
			case 4:
				nx, ny = x, h-1-y
			case 5:
				nx, ny = y, x
			case 6: // turned right to be upright
				nx, ny = h-1-y, x
			case 7:
				nx, ny = h-1-y, w-1-x
			case 8: // turned left
				nx, ny = y, w-1-x
			}
			out.SetRGBA(nx, ny, img.RGBAAt(b.Min.X+x, b.Min.Y+y))
		}
	}
	return out
}

// exifOrientation reads the orientation tag (0x0112) of a JPEG's EXIF block; 1 (upright) when there
// is none or it cannot be read.
func exifOrientation(data []byte) int {
	i := 2
	for i+4 <= len(data) && data[i] == 0xFF {
		marker := data[i+1]
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if marker == 0xDA || n < 2 || i+2+n > len(data) { // start of scan: no more headers
			return 1
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

func tiffOrientation(t []byte) int {
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	off := int(bo.Uint32(t[4:8]))
	if off < 8 || off+2 > len(t) {
		return 1
	}
	count := int(bo.Uint16(t[off:]))
	for k := 0; k < count; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}
