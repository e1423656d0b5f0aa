package exchange

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"
	"github.com/klauspost/compress/zstd"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/store"
	"xiangzhi/backend/store/bundle"
)

// ExportOptions say what bundle to write and where. A bundle is compressed (zstd), then encrypted
// (age) when it is for a peer or a passphrase is given.
type ExportOptions struct {
	Peer       string // site id, name or short name of the peer it is for; "" for a snapshot for anyone (Full)
	Full       bool   // every row, not only what the peer lacks
	Dir        string // the folder the bundle is published in (an exchange folder, a USB stick)
	Passphrase string // encrypt with this passphrase instead of (or, without a peer, as well as not at all) the peer's key
}

// ExportResult says what was written.
type ExportResult struct {
	Path     string         `json:"path"`
	Manifest string         `json:"manifest"`
	BundleID string         `json:"bundleId"`
	Bytes    int64          `json:"bytes"`
	Rows     int            `json:"rows"`
	Counts   map[string]int `json:"counts"`
	Files    int            `json:"files"`
	Full     bool           `json:"full"`
	To       string         `json:"to"`     // the peer's name, "" for anyone
	Sealed   string         `json:"sealed"` // how it is encrypted: key, passphrase or "" (not)
}

// Export writes a bundle into opts.Dir: for a peer, every write it has not said it holds (or every
// row, Full), encrypted to its key (or a passphrase); without a peer, a full snapshot, encrypted only
// with a passphrase. The bundle is built on local disk, then published as name.partial, synced and
// renamed, and its checksum manifest (name.sha256) written last: a reader takes a bundle only once its
// manifest matches. Cancelling leaves nothing in opts.Dir.
func Export(ctx context.Context, db *store.DB, opts ExportOptions, rep progress.Reporter) (ExportResult, error) {
	rep = progress.Or(rep)
	var res ExportResult
	if fi, err := os.Stat(opts.Dir); err != nil {
		return res, errs.Field("dir", "导出文件夹“%s”不存在", opts.Dir)
	} else if !fi.IsDir() {
		return res, errs.Field("dir", "“%s”是一个文件，不是文件夹；请指明导出到哪个文件夹", opts.Dir)
	}
	var peer *store.Peer
	if opts.Peer != "" {
		p, err := FindPeer(ctx, db, opts.Peer)
		if err != nil {
			return res, err
		}
		if p.Removed {
			return res, errs.New(errs.Invalid, "“%s”已被移除，不再与它交换数据", p.Name)
		}
		peer = &p
	} else if !opts.Full {
		return res, errs.Field("peer", "请指明数据包发给哪个交换单位，或导出全部数据（--full）")
	}
	recipients, sealed, err := recipientsFor(peer, opts.Passphrase)
	if err != nil {
		return res, err
	}
	me, err := OwnCard(ctx, db)
	if err == nil {
		err = me.named()
	}
	if err != nil {
		return res, err
	}
	schema, err := db.SharedColumns(ctx)
	if err != nil {
		return res, err
	}
	tmp, release, err := db.WorkDir("bundle")
	if err != nil {
		return res, err
	}
	defer release()
	plain := filepath.Join(tmp, "bundle.xzb")
	meta, err := writeBundle(ctx, db, plain, bundle.Schema(schema), peer, opts.Full, me, rep)
	if err != nil {
		return res, err
	}
	name := bundleName(me, peer, db.Now(), meta.BundleID)
	if len(recipients) > 0 {
		name += AgeExtension
	}
	dest := filepath.Join(opts.Dir, name)
	atomicfile.RemoveAbandoned(opts.Dir, bundlePrefix(me)) // this office's bundles an export killed midway left
	if err := publish(plain, dest, recipients); err != nil {
		return res, err
	}
	sum, err := hashFile(dest)
	if err == nil {
		err = atomicfile.WriteBytes(dest+ManifestExtension, []byte(sum+"  "+name+"\n"))
	}
	if err != nil {
		os.Remove(dest)
		return res, errs.Wrap(err, errs.Internal, "无法写数据包的校验文件")
	}
	fi, _ := os.Stat(dest)
	res = ExportResult{Path: dest, Manifest: dest + ManifestExtension, BundleID: meta.BundleID, Counts: meta.Counts,
		Files: meta.Files, Full: meta.Full, Sealed: sealed}
	if fi != nil {
		res.Bytes = fi.Size()
	}
	for _, n := range meta.Counts {
		res.Rows += n
	}
	if peer != nil {
		res.To = peer.Name
	}
	return res, nil
}

// recipientsFor returns who can open a bundle: the peer's key, or a passphrase (which wins when both
// are given), or no one (a plain snapshot).
func recipientsFor(peer *store.Peer, passphrase string) ([]age.Recipient, string, error) {
	switch {
	case passphrase != "":
		if len([]rune(passphrase)) < 8 {
			return nil, "", errs.Field("passphrase", "密码至少要 8 个字符")
		}
		r, err := age.NewScryptRecipient(passphrase)
		if err != nil {
			return nil, "", errs.Wrap(err, errs.Internal, "无法用密码加密")
		}
		return []age.Recipient{r}, "passphrase", nil
	case peer != nil && peer.PublicKey != "":
		r, err := age.ParseX25519Recipient(peer.PublicKey)
		if err != nil {
			return nil, "", errs.New(errs.Invalid, "交换单位“%s”的公钥已损坏；请重新导入它的单位名片", peer.Name)
		}
		return []age.Recipient{r}, "key", nil
	case peer != nil:
		return nil, "", errs.New(errs.Invalid, "还没有“%s”的公钥，数据包无法加密；请导入它的单位名片，或用密码加密", peer.Name)
	}
	return nil, "", nil
}

// writeBundle writes the rows the peer lacks (all, when full or for anyone) into a new bundle file.
func writeBundle(ctx context.Context, db *store.DB, path string, schema bundle.Schema, peer *store.Peer, full bool,
	me Card, rep progress.Reporter) (bundle.Meta, error) {
	snap, err := db.Snapshot(ctx)
	if err != nil {
		return bundle.Meta{}, err
	}
	defer snap.Close()
	base := store.Vector{}
	if peer != nil && !full {
		base = peer.Seen
	}
	w, err := bundle.Create(ctx, path, schema)
	if err != nil {
		return bundle.Meta{}, err
	}
	fail := func(err error) (bundle.Meta, error) {
		w.Abort()
		if c := progress.Cancelled(ctx); c != nil {
			return bundle.Meta{}, c
		}
		return bundle.Meta{}, err
	}
	att := files(db)
	done := 0
	for _, t := range db.SharedTablesParentsFirst() {
		err := snap.Changes(t, base, func(r store.RowVersion) error {
			if done%500 == 0 {
				if err := progress.Cancelled(ctx); err != nil {
					return err
				}
				rep.Report(StageExport, done, 0)
			}
			done++
			if err := w.Add(r); err != nil {
				return err
			}
			if t == "attachments" {
				sum, _ := r.Values["sha256"].(string)
				if data, ok := att.ReadSum(sum); ok {
					return w.AddFile(sum, data)
				}
			}
			return nil
		})
		if err != nil {
			return fail(err)
		}
	}
	rep.Report(StageExport, done, done)
	meta := bundle.Meta{BundleID: uuid.NewString(), SchemaVersion: db.SchemaVersion(), SenderSite: me.SiteID,
		SenderName: me.Name, SenderShort: me.ShortName, SenderKey: me.PublicKey, CreatedAt: db.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		Full: full || peer == nil, Seen: snap.Seen.String(), Base: base.String()}
	if peer != nil {
		meta.To = peer.SiteID
	}
	if err := w.Finish(meta); err != nil {
		return fail(err)
	}
	meta.Counts, meta.Files = w.Counts(), w.Files()
	return meta, nil
}

// bundleName names a bundle for people looking at the folder: from whom, to whom, when, and a part of
// its id so two made in the same second differ.
func bundleName(me Card, peer *store.Peer, now time.Time, id string) string {
	to := "全部"
	if peer != nil {
		to = peer.ShortName
		if to == "" {
			to = peer.Name
		}
	}
	return fmt.Sprintf("%s%s-%s-%s%s", bundlePrefix(me), cleanName(to), now.Local().Format("20060102-150405"), id[:8], Extension)
}

// bundlePrefix begins the names of the bundles this office writes: "<from>-至-".
func bundlePrefix(me Card) string {
	from := me.ShortName
	if from == "" {
		from = me.Name
	}
	return cleanName(from) + "-至-"
}

// cleanName makes an office's name fit in a file name on any system.
func cleanName(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>| `, r) || r < 32 {
			return '_'
		}
		return r
	}, s)
}

// publish copies the plain bundle to dest, compressed (zstd) and, when there are recipients,
// encrypted to them, written whole or not at all.
func publish(plain, dest string, recipients []age.Recipient) error {
	return atomicfile.Write(dest, func(w io.Writer) error {
		src, err := os.Open(plain)
		if err != nil {
			return err
		}
		defer src.Close()
		var enc io.WriteCloser
		if len(recipients) > 0 {
			if enc, err = age.Encrypt(w, recipients...); err != nil {
				return err
			}
			w = enc
		}
		z, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedDefault))
		if err != nil {
			return err
		}
		if _, err := io.Copy(z, src); err != nil {
			z.Close()
			return err
		}
		if err := z.Close(); err != nil {
			return err
		}
		if enc != nil {
			return enc.Close()
		}
		return nil
	})
}
