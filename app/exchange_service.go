package app

import (
	"context"
	"path/filepath"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/exchange"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/progress"
	"xiangzhi/backend/store"
)

// ExchangeService is the bound service of the 数据交换 screen: this office's card, its peers, bundles
// exported into and imported from the exchange folder, and the conflicts to settle.
type ExchangeService struct {
	o      *opening
	window *windowEvents
	tasks  *TaskService
}

// NewExchangeService returns the service.
func NewExchangeService(o *opening, window *windowEvents, tasks *TaskService) *ExchangeService {
	return &ExchangeService{o: o, window: window, tasks: tasks}
}

// folderSetting is the local setting naming this install's exchange folder.
const folderSetting = "exchange_folder"

// ExchangeOverview is what the screen shows at once.
type ExchangeOverview struct {
	Card      exchange.Card        `json:"card"`
	Folder    string               `json:"folder"` // "" until chosen
	Peers     []store.Peer         `json:"peers"`
	Conflicts int                  `json:"conflicts"` // open ones
	Bundles   []store.BundleRecord `json:"bundles"`   // the newest merged, at most 20
}

// Overview returns this office's card, the exchange folder, the peers, how many conflicts are open
// and the bundles merged lately.
func (s *ExchangeService) Overview() (ExchangeOverview, error) {
	if err := s.o.wait(); err != nil {
		return ExchangeOverview{}, err
	}
	var o ExchangeOverview
	var err error
	if o.Card, err = exchange.OwnCard(bg, s.o.db); err != nil {
		return o, err
	}
	if o.Folder, err = s.o.db.LocalSetting(bg, folderSetting); err != nil {
		return o, err
	}
	if o.Peers, err = s.o.db.Peers(bg); err != nil {
		return o, err
	}
	cs, err := s.o.db.Conflicts(bg, false)
	if err != nil {
		return o, err
	}
	o.Conflicts = len(cs)
	if o.Bundles, err = s.o.db.Bundles(bg); err != nil {
		return o, err
	}
	if len(o.Bundles) > 20 {
		o.Bundles = o.Bundles[:20]
	}
	if o.Peers == nil {
		o.Peers = []store.Peer{}
	}
	if o.Bundles == nil {
		o.Bundles = []store.BundleRecord{}
	}
	return o, nil
}

// SaveCard asks where to save this office's card and writes it; "" when cancelled.
func (s *ExchangeService) SaveCard() (string, error) {
	if err := s.o.wait(); err != nil {
		return "", err
	}
	c, err := exchange.OwnCard(bg, s.o.db)
	if err != nil {
		return "", err
	}
	name := c.ShortName
	if name == "" {
		name = c.Name
	}
	path, err := saveDialog(s.window, cardFile, "保存本单位名片", name+"-单位名片"+exchange.CardExtension)
	if err != nil || path == "" {
		return "", err
	}
	_, err = exchange.WriteCard(bg, s.o.db, path)
	return path, err
}

// AddPeer asks for another office's card and adds that office as a peer; nil when cancelled.
func (s *ExchangeService) AddPeer() (*store.Peer, error) {
	if err := s.o.wait(); err != nil {
		return nil, err
	}
	path, err := openDialog(s.window, cardFile, "选择对方的单位名片")
	if err != nil || path == "" {
		return nil, err
	}
	c, err := exchange.ReadCard(path)
	if err != nil {
		return nil, err
	}
	if err := exchange.AddPeer(bg, s.o.db, c); err != nil {
		return nil, err
	}
	p, _, err := s.o.db.Peer(bg, c.SiteID)
	return &p, err
}

// RemovePeer stops exchanging with a peer: its bundles are refused from now on.
func (s *ExchangeService) RemovePeer(siteID string) error {
	if err := s.o.wait(); err != nil {
		return err
	}
	return s.o.db.Write(bg, func(tx *store.Tx) error { return tx.RemovePeer(siteID) })
}

// ChooseFolder asks for the exchange folder (a shared folder, a Syncthing folder, a USB stick) and
// keeps it for this install; "" when cancelled.
func (s *ExchangeService) ChooseFolder() (string, error) {
	if err := s.o.wait(); err != nil {
		return "", err
	}
	dir, err := folderDialog(s.window, "选择交换文件夹")
	if err != nil || dir == "" {
		return "", err
	}
	return dir, s.o.db.Write(bg, func(tx *store.Tx) error { return tx.SetLocal(folderSetting, dir) })
}

// Export writes a bundle into the exchange folder: for a peer (site id) what it lacks, or with full
// every row (for a peer, or for anyone when peer is ""), sealed with a passphrase when one is given.
// It runs as the task "exchange:export".
func (s *ExchangeService) Export(peer string, full bool, passphrase string) (exchange.ExportResult, error) {
	if err := s.o.wait(); err != nil {
		return exchange.ExportResult{}, err
	}
	dir, err := s.o.db.LocalSetting(bg, folderSetting)
	if err != nil {
		return exchange.ExportResult{}, err
	}
	if dir == "" {
		return exchange.ExportResult{}, errs.Field("folder", "请先选择交换文件夹")
	}
	var res exchange.ExportResult
	err = s.tasks.run("exchange:export", func(ctx context.Context, r progress.Reporter) (err error) {
		res, err = exchange.Export(ctx, s.o.db, exchange.ExportOptions{Peer: peer, Full: full || peer == "", Dir: dir, Passphrase: passphrase}, r)
		return err
	})
	return res, err
}

// PickBundle asks for a bundle (or another office's database file) to import; "" when cancelled.
func (s *ExchangeService) PickBundle() (string, error) {
	return openDialog(s.window, bundleFile, "选择数据包或他处的数据库")
}

// Preview says what importing the bundle at path would do, changing nothing (task "exchange:import").
func (s *ExchangeService) Preview(path, passphrase string) (exchange.ImportResult, error) {
	return s.importFile(path, passphrase, true)
}

// Import merges the bundle at path, after the officer saw its preview; a sender that is not yet a
// peer becomes one (task "exchange:import").
func (s *ExchangeService) Import(path, passphrase string) (exchange.ImportResult, error) {
	return s.importFile(path, passphrase, false)
}

func (s *ExchangeService) importFile(path, passphrase string, preview bool) (exchange.ImportResult, error) {
	if err := s.o.wait(); err != nil {
		return exchange.ImportResult{}, err
	}
	if strings.TrimSpace(path) == "" {
		return exchange.ImportResult{}, errs.Field("file", "请选择要导入的数据包")
	}
	var res exchange.ImportResult
	err := s.tasks.run("exchange:import", func(ctx context.Context, r progress.Reporter) (err error) {
		res, err = exchange.Import(ctx, s.o.db, filepath.Clean(path), exchange.ImportOptions{Passphrase: passphrase,
			Preview: preview, Accept: true, Contained: grid.Contained}, r)
		return err
	})
	return res, err
}

// Conflicts returns the conflicts, open ones only unless all.
func (s *ExchangeService) Conflicts(all bool) ([]store.Conflict, error) {
	if err := s.o.wait(); err != nil {
		return nil, err
	}
	cs, err := s.o.db.Conflicts(bg, all)
	if cs == nil {
		cs = []store.Conflict{}
	}
	return cs, err
}

// Settle settles a conflict with this office's value (local) or the other's (incoming).
func (s *ExchangeService) Settle(id int64, choice string) error {
	if err := s.o.wait(); err != nil {
		return err
	}
	return s.o.db.Write(bg, func(tx *store.Tx) error { return tx.SettleConflict(id, choice) })
}

// Quarantined lists the rows bundles held back: stamped more than a day ahead of this office's clock
// (or under such a row).
func (s *ExchangeService) Quarantined() ([]store.Quarantined, error) {
	if err := s.o.wait(); err != nil {
		return nil, err
	}
	return s.o.db.Quarantined(bg)
}

// ReleaseQuarantine merges the held rows whose time has come; it returns how many.
func (s *ExchangeService) ReleaseQuarantine() (int, error) {
	if err := s.o.wait(); err != nil {
		return 0, err
	}
	return exchange.ReleaseQuarantine(bg, s.o.db)
}

// UndoImport takes back the latest import, of bundleID (撤销这次导入): what it changed is as it was
// before. Run as task "exchange:import", so it never overlaps an import.
func (s *ExchangeService) UndoImport(bundleID string) (store.UndoResult, error) {
	if err := s.o.wait(); err != nil {
		return store.UndoResult{}, err
	}
	var res store.UndoResult
	err := s.tasks.run("exchange:import", func(ctx context.Context, _ progress.Reporter) (err error) {
		res, err = exchange.UndoImport(ctx, s.o.db, bundleID)
		return err
	})
	return res, err
}
