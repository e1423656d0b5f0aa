package exchange

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/klauspost/compress/zstd"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/bundle"
)

// ImportOptions say how to bring a bundle in.
type ImportOptions struct {
	Passphrase string // for a bundle encrypted with a passphrase
	Preview    bool   // say what the merge would do and change nothing
	Accept     bool   // a bundle from an office that is not yet a peer makes it one (a person confirmed)
	// Contained are the domains' rules of what lives under what (see store.Containment): after a
	// merge, the rows a deletion elsewhere left without a parent are counted in ImportResult.Orphans.
	Contained []store.Containment
}

// TableChange says what a bundle does to one table.
type TableChange struct {
	Table    string `json:"table"`
	Label    string `json:"label"`
	Rows     int    `json:"rows"`     // rows the bundle holds
	Inserted int    `json:"inserted"` // new here
	Updated  int    `json:"updated"`  // changed here
	// Quarantined: rows held back, not merged: a stamp too far ahead of this office's clock, or a
	// parent held back (store.Tx.Merge)
	Quarantined int `json:"quarantined"`
}

// ImportResult says what a bundle held and what merging it did (or, previewed, would do).
type ImportResult struct {
	BundleID        string        `json:"bundleId"`
	Sender          string        `json:"sender"` // site id
	SenderName      string        `json:"senderName"`
	CreatedAt       string        `json:"createdAt"`
	Full            bool          `json:"full"`
	Sealed          bool          `json:"sealed"`   // it was encrypted
	Manifest        bool          `json:"manifest"` // a checksum file beside it matched
	Preview         bool          `json:"preview"`
	AlreadyImported bool          `json:"alreadyImported"` // merged before: nothing was done
	NewPeer         bool          `json:"newPeer"`         // its sender is not (was not) a peer
	Tables          []TableChange `json:"tables"`
	Rows            int           `json:"rows"`
	Inserted        int           `json:"inserted"`
	Updated         int           `json:"updated"`
	Conflicts       int           `json:"conflicts"`
	Quarantined     int           `json:"quarantined"` // rows held back (TableChange.Quarantined)
	Released        int           `json:"released"`    // rows held back by earlier bundles, merged now the clock has caught up
	Files           int           `json:"files"`
	Backup          string        `json:"backup"`   // the copy of the database made before a large merge, "" for none
	Undoable        bool          `json:"undoable"` // it keeps (would keep) a restore point: UndoImport can take it back
	Orphans         int           `json:"orphans"`  // entries of store.Orphans after the merge (see ImportOptions.Contained)
}

// ErrNotForUs is the cause of a refusal because a bundle is not this office's to merge: its own, one
// addressed to another office, or one sealed with another office's key. A watcher leaves those alone.
var ErrNotForUs = errors.New("the bundle is not for this office")

// errPreview rolls a previewed merge back.
var errPreview = errors.New("preview")

// Import brings a bundle in: its checksum manifest checked when one lies beside it, copied to local
// disk, decrypted, checked whole (bundle.Open), then — unless previewed — every row merged in one
// transaction (store.Tx.Merge), with the sender's vector recorded and a restore point kept, so that
// the import can be taken back (UndoImport). Before a full snapshot, or a bundle of more than
// RestorePointRows rows, a copy of the database is made instead.
// A bundle merged before changes nothing; a bundle from this office, for another office, or from a
// removed peer is refused; from an office that is not a peer it is refused unless opts.Accept.
// Cancelling, or any fault, leaves the database as it was.
//
// A 乡治通 database file from elsewhere (an old-style shared .db) is taken too: copied out (upgraded if
// it is older), made into a full snapshot of itself, and that merged like any bundle (ImportDatabase).
func Import(ctx context.Context, db *store.DB, path string, opts ImportOptions, rep progress.Reporter) (ImportResult, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return ImportResult{}, errs.Field("file", "“%s”是文件夹；请给出其中的数据包文件（.xzb）", path)
	}
	if err := notABundle(path); err != nil {
		return ImportResult{}, err
	}
	if _, err := store.Inspect(ctx, path); err == nil {
		return ImportDatabase(ctx, db, path, opts, rep)
	}
	return importBundle(ctx, db, path, opts, rep)
}

// notABundle refuses an office's card, which an officer may take for a bundle, by its name.
func notABundle(path string) error {
	if name := filepath.Base(path); strings.EqualFold(filepath.Ext(name), CardExtension) {
		return errs.Field("file", "“%s”是单位名片，不是数据包；名片请在“交换对象”中点“添加”导入", name)
	}
	return nil
}

// ownSealed says of a bundle that could not be decrypted here what it is when its name says this
// office wrote it for another (sealed for that office, it said only that it was not sealed for this
// one); err otherwise.
func ownSealed(ctx context.Context, db *store.DB, path string, err error) error {
	me, cerr := OwnCard(ctx, db)
	if cerr != nil || me.ShortName == "" && me.Name == "" || !errors.Is(err, ErrNotForUs) {
		return err
	}
	name := filepath.Base(path)
	if prefix := bundlePrefix(me); strings.HasPrefix(name, prefix) {
		to := strings.SplitN(strings.TrimPrefix(name, prefix), "-", 2)[0]
		return errs.Wrap(ErrNotForUs, errs.Invalid, "“%s”是本单位发给%s的数据包，应由对方导入", name, to)
	}
	return err
}

// ImportDatabase brings in the data of another 乡治通 database file (打开他处数据库): it is copied to
// local disk (its file is only read), upgraded to this program's schema when it is older, written out
// as a full snapshot of its office, and that is merged as Import merges a bundle — with the same
// preview, backup and conflicts. A copy of this office's own database is refused.
func ImportDatabase(ctx context.Context, db *store.DB, path string, opts ImportOptions, rep progress.Reporter) (ImportResult, error) {
	tmp, release, err := db.WorkDir("bundle")
	if err != nil {
		return ImportResult{}, err
	}
	defer release()
	copyPath := filepath.Join(tmp, "他处数据库.db")
	if _, err := store.RestoreCopy(ctx, path, copyPath); err != nil {
		return ImportResult{}, err
	}
	other, err := store.Open(copyPath, store.Options{Clock: db.Now})
	if err != nil {
		return ImportResult{}, err
	}
	if other.Site().SiteID == db.Site().SiteID {
		other.Close()
		return ImportResult{}, errs.New(errs.Invalid, "“%s”是本单位自己的数据库（或它的副本），其中的数据本单位都有，无需导入", filepath.Base(path))
	}
	snap, err := Export(ctx, other, ExportOptions{Full: true, Dir: tmp}, rep)
	other.Close()
	if err != nil {
		return ImportResult{}, err
	}
	return importBundle(ctx, db, snap.Path, opts, rep)
}

func importBundle(ctx context.Context, db *store.DB, path string, opts ImportOptions, rep progress.Reporter) (ImportResult, error) {
	rep = progress.Or(rep)
	res := ImportResult{Preview: opts.Preview}
	rep.Report(StageCheck, 0, 0)
	var err error
	if res.Manifest, err = checkManifest(path); err != nil {
		return res, err
	}
	tmp, release, err := db.WorkDir("bundle")
	if err != nil {
		return res, err
	}
	defer release()
	plain := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(path), AgeExtension)) // the name messages give
	if res.Sealed, err = copyOpened(ctx, db, path, plain, opts.Passphrase); err != nil {
		return res, ownSealed(ctx, db, path, err)
	}
	schema, err := db.SharedColumns(ctx)
	if err != nil {
		return res, err
	}
	r, err := bundle.Open(ctx, plain, bundle.Schema(schema), db.SchemaVersion())
	if err != nil {
		return res, err
	}
	defer r.Close()
	m := r.Meta
	res.BundleID, res.Sender, res.SenderName, res.CreatedAt, res.Full, res.Files = m.BundleID, m.SenderSite, m.SenderName,
		m.CreatedAt, m.Full, m.Files
	if at, _ := store.ParseTime(m.CreatedAt); at.After(db.Now().Add(store.MaxClockSkew)) {
		return res, errs.New(errs.Invalid, "数据包的生成时间（%s）比本机时钟超前一天以上：“%s”电脑的日期或时间不对，请对方改正后重新导出",
			at.Local().Format("2006年1月2日 15:04"), m.SenderName)
	}
	if err := checkSender(ctx, db, m, opts, &res); err != nil {
		return res, err
	}
	if done, err := db.BundleImported(ctx, m.BundleID); err != nil || done {
		res.AlreadyImported = done
		return res, err
	}
	whole := m.Full || m.Total() > RestorePointRows
	res.Undoable = !whole
	if !opts.Preview && whole {
		// A snapshot, or a bundle as large, may change most of the database: a copy of it is made
		// instead of a restore point.
		b, err := db.BackupBeforeImport(ctx)
		if err != nil {
			return res, err
		}
		res.Backup = b.Path
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		done, err := tx.BundleImported(m.BundleID)
		if err != nil || done {
			res.AlreadyImported = done
			return err
		}
		if err := merge(ctx, db, tx, r, whole, &res, rep); err != nil {
			return err
		}
		if opts.Preview {
			return errPreview
		}
		return nil
	})
	if errors.Is(err, errPreview) {
		err = nil
	}
	if err != nil {
		if c := progress.Cancelled(ctx); c != nil {
			return res, c
		}
		return res, err
	}
	if !opts.Preview && res.Inserted+res.Updated > 0 && len(opts.Contained) > 0 {
		// What the merge may have left inconsistent: rows whose parent one office deleted while another
		// added to it. Listed for a person; the merge itself stands.
		orphans, err := db.Orphans(ctx, opts.Contained)
		if err != nil {
			return res, err
		}
		res.Orphans = len(orphans)
	}
	return res, nil
}

// checkSender refuses a bundle that is not for this office, or from an office it does not take
// bundles from.
func checkSender(ctx context.Context, db *store.DB, m bundle.Meta, opts ImportOptions, res *ImportResult) error {
	site := db.Site().SiteID
	if m.SenderSite == site {
		return errs.Wrap(ErrNotForUs, errs.Invalid, "这是本单位自己导出的数据包，无需导入")
	}
	if m.To != "" && m.To != site {
		return errs.Wrap(ErrNotForUs, errs.Invalid, "这个数据包是“%s”发给另一个单位的，不是发给本单位的", m.SenderName)
	}
	p, known, err := db.Peer(ctx, m.SenderSite)
	if err != nil {
		return err
	}
	if known && p.Removed {
		return errs.New(errs.Invalid, "“%s”已被移除，不再接收它的数据包；要恢复交换，请重新添加它", p.Name)
	}
	res.NewPeer = !known
	if !known && !opts.Accept && !opts.Preview {
		return errs.New(errs.Conflict, "“%s”还不是交换单位；请先确认它是哪个单位，再导入（导入即添加它为交换单位）", m.SenderName)
	}
	return nil
}

// merge merges every row of the bundle in tx, parents before the rows that refer to them, and records
// the bundle, its sender as a peer, and what the sender and this office now hold. Unless whole (a
// copy of the database was made instead), it keeps the import's restore point.
func merge(ctx context.Context, db *store.DB, tx *store.Tx, r *bundle.Reader, whole bool, res *ImportResult, rep progress.Reporter) error {
	m := r.Meta
	keep := tx.KeepRestorePoint(m.BundleID, m.SenderSite)
	if whole {
		keep = tx.DropRestorePoint()
	}
	if keep != nil {
		return keep
	}
	// Rows earlier bundles held back whose time has come go first: the bundle may refer to them.
	var err error
	if res.Released, err = tx.ReleaseQuarantine(); err != nil {
		return err
	}
	before, err := tx.Seen()
	if err != nil {
		return err
	}
	if err := tx.DeferForeignKeys(); err != nil {
		return err
	}
	total, done := m.Total(), 0
	for _, t := range db.SharedTablesParentsFirst() {
		label, _ := store.TableLabel(t)
		tc := TableChange{Table: t, Label: label}
		err := r.Rows(t, func(rv store.RowVersion) error {
			if done%500 == 0 {
				if err := progress.Cancelled(ctx); err != nil {
					return err
				}
				rep.Report(StageMerge, done, total)
			}
			done++
			tc.Rows++
			mr, err := tx.Merge(rv, r.Seen, m.BundleID)
			if err != nil {
				return err
			}
			switch {
			case mr.Quarantined:
				tc.Quarantined++
			case mr.Inserted:
				tc.Inserted++
			case len(mr.Changed) > 0:
				tc.Updated++
			}
			res.Conflicts += mr.Conflicts
			return nil
		})
		if err != nil {
			return err
		}
		if tc.Rows > 0 {
			res.Tables = append(res.Tables, tc)
			res.Rows += tc.Rows
			res.Inserted += tc.Inserted
			res.Updated += tc.Updated
			res.Quarantined += tc.Quarantined
		}
	}
	rep.Report(StageMerge, total, total)
	if !res.Preview {
		att := files(db)
		if err := r.Files(att.Keep); err != nil {
			return err
		}
	}
	if res.NewPeer {
		if err := tx.PutPeer(store.Peer{SiteID: m.SenderSite, Name: m.SenderName, ShortName: m.SenderShort, PublicKey: m.SenderKey}); err != nil {
			return err
		}
	}
	if err := tx.RecordPeerSeen(m.SenderSite, r.Seen); err != nil {
		return err
	}
	// This office now holds everything the sender held, provided it held what the bundle was built on
	// (a database restored from an older backup may not): only offices it holds up to the bundle's base
	// are raised, and the sender is sent the rest again after its next look at this office's vector.
	raise := store.Vector{}
	for site, h := range r.Seen {
		if before[site] >= r.Base[site] {
			raise[site] = h
		}
	}
	if err := tx.RaiseSeen(raise); err != nil {
		return err
	}
	return tx.RecordBundle(store.BundleRecord{BundleID: m.BundleID, Sender: m.SenderSite, CreatedAt: m.CreatedAt,
		Rows: res.Rows, Changed: res.Inserted + res.Updated, Conflicts: res.Conflicts})
}

// checkManifest compares a bundle with the checksum file beside it, when there is one; ok says there
// was one and it matched.
func checkManifest(path string) (bool, error) {
	b, err := os.ReadFile(path + ManifestExtension)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, errs.Wrap(err, errs.Invalid, "无法读取校验文件 %s", path+ManifestExtension)
	}
	want := strings.Fields(string(b))
	sum, err := hashFile(path)
	if err != nil {
		return false, errs.Wrap(err, errs.NotFound, "无法读取数据包 %s", path)
	}
	if len(want) == 0 || want[0] != sum {
		return false, errs.New(errs.Invalid, "数据包 %s 与它的校验文件不符：可能还没有传完，或在途中被改动；请稍后再试或请对方重发",
			filepath.Base(path))
	}
	return true, nil
}

// ageHeader begins every age-encrypted file.
var ageHeader = []byte("age-encryption.org/v1\n")

// copyOpened copies the bundle at src to dest on local disk, decrypting it when it is encrypted (with
// this office's key, or the passphrase), at most bundle.MaxBytes.
func copyOpened(ctx context.Context, db *store.DB, src, dest, passphrase string) (sealed bool, err error) {
	f, err := os.Open(src)
	if err != nil {
		return false, errs.Wrap(err, errs.NotFound, "找不到数据包 %s", src)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > bundle.MaxBytes {
		return false, errs.New(errs.Invalid, "数据包 %s 有 %d MB，超过了 %d MB 的上限", filepath.Base(src), fi.Size()>>20, bundle.MaxBytes>>20)
	}
	in := bufio.NewReader(f)
	head, _ := in.Peek(len(ageHeader))
	var from io.Reader = in
	if bytes.Equal(head, ageHeader) { // encrypted
		sealed = true
		ids := []age.Identity{}
		if passphrase != "" {
			sid, err := age.NewScryptIdentity(passphrase)
			if err != nil {
				return true, errs.Wrap(err, errs.Invalid, "密码不能用")
			}
			ids = append(ids, sid)
		}
		own, err := Identity(ctx, db)
		if err != nil {
			return true, err
		}
		ids = append(ids, own)
		if from, err = age.Decrypt(in, ids...); err != nil {
			return true, decryptError(src, passphrase, err)
		}
	}
	from, err = decompressed(from)
	if err != nil {
		return sealed, errs.Wrap(err, errs.Invalid, "数据包 %s 已损坏，无法解压", filepath.Base(src))
	}
	if z, ok := from.(*zstd.Decoder); ok {
		defer z.Close()
	}
	out, err := os.OpenFile(dest, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return sealed, errs.Wrap(err, errs.Internal, "无法建立临时文件")
	}
	n, err := io.Copy(out, io.LimitReader(from, bundle.MaxBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if sealed || errors.Is(err, zstd.ErrMagicMismatch) || isDecodeError(err) {
			return sealed, errs.Wrap(err, errs.Invalid, "数据包 %s 的内容被改动或不完整", filepath.Base(src))
		}
		return false, errs.Wrap(err, errs.Internal, "复制数据包 %s 失败", filepath.Base(src))
	}
	if n > bundle.MaxBytes {
		return sealed, errs.New(errs.Invalid, "数据包 %s 解开后超过了 %d MB 的上限", filepath.Base(src), bundle.MaxBytes>>20)
	}
	return sealed, nil
}

// zstdMagic begins every zstd frame; a bundle written by an earlier build of this stop is plain SQLite.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// decompressed returns r decompressed when it begins with a zstd frame, else r as it is (a plain
// SQLite file is checked as any other).
func decompressed(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(zstdMagic))
	if !bytes.Equal(head, zstdMagic) {
		return br, nil
	}
	return zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30))
}

// isDecodeError reports an error of a damaged compressed stream.
func isDecodeError(err error) bool {
	return err != nil && strings.HasPrefix(err.Error(), "zstd") || errors.Is(err, io.ErrUnexpectedEOF)
}

func decryptError(src, passphrase string, err error) error {
	var none *age.NoIdentityMatchError
	name := filepath.Base(src)
	switch {
	case errors.As(err, &none) && passphrase != "":
		return errs.Field("passphrase", "密码不对，数据包 %s 无法解密", name)
	case errors.As(err, &none):
		return errs.Wrap(ErrNotForUs, errs.Invalid, "数据包 %s 不是用本单位的密钥加密的；若对方用密码加密，请输入密码", name)
	}
	return errs.Wrap(err, errs.Invalid, "数据包 %s 无法解密：文件已损坏或不完整", name)
}

// UndoImport takes back the latest import, of bundleID, as it was merged (store.Tx.UndoImport): this
// office's data and bookkeeping are as before it, and its bundle may be imported again.
func UndoImport(ctx context.Context, db *store.DB, bundleID string) (res store.UndoResult, err error) {
	err = db.Write(ctx, func(tx *store.Tx) error {
		res, err = tx.UndoImport(bundleID)
		return err
	})
	if e := errs.As(err); err != nil && e.Code == errs.Invalid { // a deleted row here refers to a row it added
		return res, &errs.Error{Code: errs.Conflict, Message: "不能撤销这次导入：" + e.Message, Err: err}
	}
	return res, err
}

// RestorePointRows is the most rows a bundle may hold for its import to keep a restore point: the
// point holds each row it changes as it was, in the database, until the next import. A larger bundle
// (an office's first, or a snapshot) has a copy of the whole database made before it instead, which
// takes seconds on a county's file but little beside such a merge.
const RestorePointRows = 20000
