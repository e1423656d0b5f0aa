package app

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xiangzhi/backend/attachments"
	"xiangzhi/backend/cases"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/storetest"
)

// The 附件 of a case through the bound service: a photo chosen in the (faked) open dialog is attached
// and listed with a thumbnail the window can show; a copy is saved under its name; cancelling the
// dialog attaches nothing; a record of another kind is refused; removing hides it and 撤销 brings it
// back.
func TestAttachmentService(t *testing.T) {
	db := storetest.Open(t, store.Options{ShortName: "丹口"})
	o := openedOn(db)
	r, err := NewCaseService(o, NewDocService(o, &windowEvents{}), &windowEvents{}).Register(
		cases.Input{Source: "来访", Category: "矛盾纠纷", Summary: "围墙倒塌", PersonName: "龙大海"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	o.attachments = attachments.NewService(db, dir)
	s := NewAttachmentService(o, &windowEvents{})
	owner := attachments.Owner{Table: "cases", ID: r["id"]}

	e2eOpenFile, e2eSaveDir = filepath.Join(dir, "open-next.txt"), filepath.Join(dir, "saved")
	defer func() { e2eOpenFile, e2eSaveDir = "", "" }()
	os.MkdirAll(e2eSaveDir, 0o755)
	if none, err := s.Add(owner, ""); err != nil || len(none.Added)+len(none.Refused) != 0 {
		t.Fatalf("cancelled dialog: %+v %v", none, err)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 400, 300)), nil)
	photo := filepath.Join(dir, "围墙.jpg")
	os.WriteFile(photo, b.Bytes(), 0o644)
	// Three files chosen at once: the photo and the scan are attached, the program is refused.
	scan := filepath.Join(dir, "协议.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	program := filepath.Join(dir, "setup.exe")
	os.WriteFile(program, []byte("MZ\x90\x00"), 0o644)
	os.WriteFile(e2eOpenFile, []byte(photo+"\n"+program+"\n"+scan+"\n"), 0o644)
	added, err := s.Add(owner, "倒塌现场")
	if err != nil || len(added.Added) != 2 || len(added.Refused) != 1 {
		t.Fatalf("add: %+v %v", added, err)
	}
	it := added.Added[0]
	if it.ID == "" || it.View != "image" || !it.Thumb || it.Name != "围墙.jpg" || added.Added[1].View != "pdf" || added.Added[1].Thumb {
		t.Errorf("added: %+v", added.Added)
	}
	if added.Refused[0].Name != "setup.exe" || !strings.Contains(added.Refused[0].Message, "“setup.exe”不是照片") {
		t.Errorf("refused: %+v", added.Refused)
	}
	if _, err := os.Stat(e2eOpenFile); !os.IsNotExist(err) {
		t.Error("the dialog's answer was not used up")
	}
	list, err := s.List(owner)
	if err != nil || len(list) != 2 || list[0].Note != "倒塌现场" {
		t.Fatalf("list: %+v %v", list, err)
	}
	thumb, err := s.Thumbnail(it.ID)
	if err != nil || !strings.HasPrefix(thumb, "data:image/jpeg;base64,") || len(thumb) > 20000 {
		t.Fatalf("thumbnail: %d bytes, %v", len(thumb), err)
	}
	if again, _ := s.Thumbnail(it.ID); again != thumb {
		t.Error("thumbnail differs the second time")
	}
	saved, err := s.SaveAs(it.ID)
	if got, _ := os.ReadFile(saved); err != nil || filepath.Base(saved) != "围墙.jpg" || !bytes.Equal(got, b.Bytes()) {
		t.Fatalf("save as %s: %v", saved, err)
	}
	// Opened with the system's program: a checked copy in the temporary folder, named for its type.
	var opened []string
	s.openWith = func(p string) error { opened = append(opened, p); return nil }
	if err := s.OpenExternal(added.Added[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.OpenExternal(added.Added[1].ID); err != nil { // again, the copy maybe still open
		t.Fatal(err)
	}
	if len(opened) != 2 || filepath.Base(opened[0]) != "协议.pdf" || !strings.HasPrefix(opened[0], os.TempDir()) {
		t.Fatalf("opened %v", opened)
	}
	if got, _ := os.ReadFile(opened[0]); string(got) != "%PDF-1.4\n%%EOF\n" {
		t.Errorf("the copy holds %q", got)
	}
	if f, err := s.PDF(added.Added[1].ID); err != nil || f.PDF != base64.StdEncoding.EncodeToString([]byte("%PDF-1.4\n%%EOF\n")) || f.Title != "协议.pdf" {
		t.Errorf("pdf: %+v %v", f, err)
	}
	if _, err := s.PDF(it.ID); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a photo as PDF: %v", err)
	}
	if _, err := s.List(attachments.Owner{Table: "villages", ID: "x"}); err != nil {
		t.Errorf("list of another record: %v", err)
	}
	if _, err := s.Add(attachments.Owner{Table: "villages", ID: "x"}, ""); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("a record of another kind: %v", err)
	}
	if err := s.Remove(it.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.List(owner); len(list) != 1 {
		t.Errorf("after remove: %+v", list)
	}
	if err := s.Restore(it.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.List(owner); len(list) != 2 {
		t.Errorf("after undo: %+v", list)
	}
	if _, err := NewAttachmentService(notOpened(nil), &windowEvents{}).List(owner); errs.CodeOf(err) != errs.Internal {
		t.Errorf("without a database: %v", err)
	}
}
