package docs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/docs/fonts"
	"xiangzhi/backend/errs"
)

const wenkai = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"

func TestChooseFont(t *testing.T) {
	a := MustArchive(t)
	dir := t.TempDir()
	chosen := filepath.Join(dir, "我的楷体.ttf")
	data, err := os.ReadFile(wenkai)
	if err != nil {
		t.Fatalf("%v (make deps installs fonts-lxgw-wenkai)", err)
	}
	os.WriteFile(chosen, data, 0o644)

	if err := docs.ChooseFont(ctx, a.DB, fonts.Hei, chosen); err != nil {
		t.Fatal(err)
	}
	set, use, err := docs.ChosenFonts(ctx, a.DB, a.Fonts)
	if err != nil {
		t.Fatal(err)
	}
	if f := set.Faces(fonts.Hei)[0]; f.Path != chosen {
		t.Errorf("hei first face %s, want the chosen file", f.Name)
	}
	for _, u := range use {
		if u.Role == "hei" && (u.Chosen != chosen || u.Embedded || !strings.Contains(u.Name, "自选")) {
			t.Errorf("hei in use: %+v", u)
		}
		if u.Role == "fang" && (!u.Embedded || u.Chosen != "") {
			t.Errorf("fang in use: %+v", u)
		}
	}
	// a character beyond the embedded faces (Extension A) that the chosen (full) font has is now
	// printable, in any role
	const rare = "㐂"
	if err := checkPrintable(set, rare); err != nil {
		t.Errorf("%s with the chosen font: %v", rare, err)
	}
	if err := checkPrintable(a.Fonts, rare); err == nil {
		t.Errorf("%s printable without the chosen font: the test character is in the embedded subset", rare)
	}

	t.Run("CollectionRefused", func(t *testing.T) {
		ttc := filepath.Join(dir, "simsun.ttc")
		os.WriteFile(ttc, append([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01"), make([]byte, 64)...), 0o644)
		err := docs.ChooseFont(ctx, a.DB, fonts.Fang, ttc)
		if errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "字体集合（.ttc）") {
			t.Errorf("ttc: %v", err)
		}
		otf := filepath.Join(dir, "SourceHanSerif.otf")
		os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 64)...), 0o644)
		if err := docs.ChooseFont(ctx, a.DB, fonts.Fang, otf); errs.CodeOf(err) != errs.Invalid || !strings.Contains(err.Error(), "CFF") {
			t.Errorf("otf: %v", err)
		}
		if v, _ := a.DB.LocalSetting(ctx, "docs.font.fang"); v != "" {
			t.Errorf("a refused font was kept: %q", v)
		}
	})

	t.Run("MissingFileFallsBack", func(t *testing.T) {
		os.Remove(chosen)
		set, use, err := docs.ChosenFonts(ctx, a.DB, a.Fonts)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range use {
			if u.Role == "hei" && (u.Problem == "" || !u.Embedded) {
				t.Errorf("a missing chosen font: %+v", u)
			}
		}
		if set.Faces(fonts.Hei)[0].Path != "" {
			t.Error("the missing file is still used")
		}
		if err := docs.ResetFont(ctx, a.DB, fonts.Hei); err != nil {
			t.Fatal(err)
		}
		_, use, _ = docs.ChosenFonts(ctx, a.DB, a.Fonts)
		for _, u := range use {
			if u.Chosen != "" || u.Problem != "" {
				t.Errorf("after reset: %+v", u)
			}
		}
	})
}

// checkPrintable renders a one-line notice holding text.
func checkPrintable(set *fonts.Set, text string) error {
	_, _, err := docs.Render(set, "notice", []byte(`{"title":"测试","body":"`+text+`","issuer":"镇政府","date":"2026-11-27"}`))
	return err
}
