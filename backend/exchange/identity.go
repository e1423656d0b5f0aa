package exchange

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"

	"filippo.io/age"

	"xiangzhi/backend/atomicfile"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// identitySetting is the local setting holding this office's age identity (its private key). It
// never leaves this install: bundles carry the public key only.
const identitySetting = "exchange_identity"

// Identity returns this office's age X25519 identity, made the first time it is asked for.
func Identity(ctx context.Context, db *store.DB) (*age.X25519Identity, error) {
	s, err := db.LocalSetting(ctx, identitySetting)
	if err != nil {
		return nil, err
	}
	if s != "" {
		id, err := age.ParseX25519Identity(s)
		if err != nil {
			return nil, errs.Wrap(err, errs.Internal, "本单位的交换密钥已损坏")
		}
		return id, nil
	}
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "无法生成交换密钥")
	}
	err = db.Write(ctx, func(tx *store.Tx) error { return tx.SetLocal(identitySetting, id.String()) })
	if err != nil {
		return nil, err
	}
	return id, nil
}

// CardFormat names the layout of an office card.
const CardFormat = "xiangzhi-office-1"

// CardExtension is the file extension of an office card.
const CardExtension = ".xzid"

// Card is what another office needs to exchange with this one: who it is and its public key. It is
// given as a small file (an office card) or comes with the first bundle.
type Card struct {
	Format    string `json:"format"`
	SiteID    string `json:"siteId"`
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
	PublicKey string `json:"publicKey"`
}

// OwnCard returns this office's card.
func OwnCard(ctx context.Context, db *store.DB) (Card, error) {
	id, err := Identity(ctx, db)
	if err != nil {
		return Card{}, err
	}
	site := db.Site()
	office, err := db.Get(ctx, "offices", site.OfficeID)
	if err != nil {
		return Card{}, err
	}
	name, _ := office["name"].(string)
	short, _ := office["short_name"].(string)
	return Card{Format: CardFormat, SiteID: site.SiteID, Name: name, ShortName: short,
		PublicKey: id.Recipient().String()}, nil
}

// WriteCard writes this office's card to path. Code invalid while the office has no name or short
// name.
func WriteCard(ctx context.Context, db *store.DB, path string) (Card, error) {
	c, err := OwnCard(ctx, db)
	if err != nil {
		return c, err
	}
	if err := c.named(); err != nil {
		return c, err
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	return c, atomicfile.WriteBytes(path, append(b, '\n'))
}

var sitePattern = regexp.MustCompile(`^[0-9a-f]{32}$`)

// ReadCard reads and checks an office card. Code invalid, naming what is wrong.
func ReadCard(path string) (Card, error) {
	f, err := os.Open(path)
	if err != nil {
		return Card{}, errs.Wrap(err, errs.NotFound, "找不到单位名片 %s", path)
	}
	defer f.Close()
	var c Card
	dec := json.NewDecoder(&limited{f, 64 << 10})
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Card{}, errs.New(errs.Invalid, "%s 不是乡治通的单位名片（%v）", path, err)
	}
	return c, c.check()
}

// named refuses to speak for an office that has no name or short name yet: another office could not
// tell whose card or bundle it is (a bundle's file name begins with the short name).
func (c Card) named() error {
	if strings.TrimSpace(c.Name) == "" || strings.TrimSpace(c.ShortName) == "" {
		return errs.Field("shortName", "本单位还没有填写名称和简称；请先填写（设置，或命令 office --name 名称 --short 简称）：其他单位凭它们认出本单位的数据")
	}
	return nil
}

func (c Card) check() error {
	if c.Format != CardFormat {
		return errs.New(errs.Invalid, "单位名片的格式是“%s”，本程序只认“%s”", c.Format, CardFormat)
	}
	if !sitePattern.MatchString(c.SiteID) {
		return errs.Field("siteId", "单位标识应是 32 位十六进制数字")
	}
	if _, err := textrule.Name("name", "单位名称", c.Name, 60, true); err != nil {
		return err
	}
	if _, err := textrule.Name("shortName", "单位简称", c.ShortName, 10, false); err != nil {
		return err
	}
	if c.PublicKey != "" {
		if _, err := age.ParseX25519Recipient(c.PublicKey); err != nil {
			return errs.Field("publicKey", "单位名片里的公钥格式不对")
		}
	}
	return nil
}

// AddPeer adds (or updates) a peer from its card.
func AddPeer(ctx context.Context, db *store.DB, c Card) error {
	if err := c.check(); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *store.Tx) error {
		return tx.PutPeer(store.Peer{SiteID: c.SiteID, Name: c.Name, ShortName: c.ShortName, PublicKey: c.PublicKey})
	})
}

// FindPeer finds a peer by site id, name or short name. Code not_found when none matches, invalid
// when several do.
func FindPeer(ctx context.Context, db *store.DB, key string) (store.Peer, error) {
	peers, err := db.Peers(ctx)
	if err != nil {
		return store.Peer{}, err
	}
	var found []store.Peer
	for _, p := range peers {
		if p.SiteID == key || p.Name == key || (p.ShortName != "" && p.ShortName == key) {
			found = append(found, p)
		}
	}
	switch {
	case strings.TrimSpace(key) == "":
		return store.Peer{}, errs.Field("peer", "请给出交换单位的名称、简称或单位标识")
	case len(found) == 0:
		return store.Peer{}, errs.New(errs.NotFound, "没有名为“%s”的交换单位；请先添加它（peer add）", key)
	case len(found) == 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, p := range found {
		names[i] = p.Name + "（" + p.SiteID + "）"
	}
	return store.Peer{}, errs.New(errs.Invalid, "“%s”对应多个交换单位：%s；请用单位标识指明", key, strings.Join(names, "、"))
}

// limited reads at most n bytes, then fails (a card is small; a huge file is not one).
type limited struct {
	f *os.File
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errs.New(errs.Invalid, "文件过大")
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.f.Read(p)
	l.n -= int64(n)
	return n, err
}
