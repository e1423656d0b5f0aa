package app

import (
	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/points"
)

// PointService is the bound service of the 道德超市 screen: the rules, the shop's goods, a
// household's ledger (credits, deductions, redemptions, withdrawals), the balances and the monthly
// 公示. Each method is one call into backend/points.
type PointService struct {
	o    *opening
	docs *DocService
}

// NewPointService returns the service over the database o opens; when it does not open every call
// fails with the reason.
func NewPointService(o *opening, docs *DocService) *PointService {
	return &PointService{o: o, docs: docs}
}

func (s *PointService) ready() error { return s.o.wait() }

// PointChoices are the fixed lists the forms offer.
type PointChoices struct {
	Categories []string `json:"categories"`
	Kinds      []string `json:"kinds"`
}

// Choices returns the rules' categories and the kinds of entry.
func (s *PointService) Choices() PointChoices {
	return PointChoices{Categories: points.Categories, Kinds: []string{points.Earn, points.Deduct, points.Redeem}}
}

// Villages lists the villages to choose from.
func (s *PointService) Villages() ([]grid.VillageBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.grid.VillageList(bg)
}

// Rules lists the rules that apply in a village ("" for all).
func (s *PointService) Rules(villageID string) ([]points.Rule, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.points.Rules(bg, villageID)
}

// AddRule adds a rule.
func (s *PointService) AddRule(in points.RuleInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.points.AddRule(bg, in)
}

// UpdateRule changes a rule.
func (s *PointService) UpdateRule(id string, in points.RuleInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.points.UpdateRule(bg, id, in)
}

// Goods lists a village's shop.
func (s *PointService) Goods(villageID string) ([]points.Goods, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.points.GoodsOf(bg, villageID)
}

// AddGoods puts an article in a village's shop.
func (s *PointService) AddGoods(in points.GoodsInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.points.AddGoods(bg, in)
}

// UpdateGoods changes an article (name, price, stock).
func (s *PointService) UpdateGoods(id string, in points.GoodsInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.points.UpdateGoods(bg, id, in)
}

// Restock adds n to an article's stock.
func (s *PointService) Restock(id string, n int) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.points.Restock(bg, id, n)
}

// Notices lists the points 公示 issued for a village, oldest first.
func (s *PointService) Notices(villageID string) ([]docs.Issued, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return nil, err
	}
	return s.o.points.Notices(bg, archive, villageID)
}

// Balances lists the households of a village ("" for all) that have points, with their balances.
func (s *PointService) Balances(villageID string) ([]points.Account, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.points.Balances(bg, villageID)
}

// Households lists a village's households, to credit one that has no points yet.
func (s *PointService) Households(villageID string) ([]grid.HouseholdBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.points.Households(bg, villageID)
}

// Account returns a household's account with every entry.
func (s *PointService) Account(householdID string) (points.Account, error) {
	if err := s.ready(); err != nil {
		return points.Account{}, err
	}
	return s.o.points.AccountOf(bg, householdID)
}

// Earn credits a household by a rule.
func (s *PointService) Earn(in points.EarnInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.points.Earn(bg, in)
}

// Deduct takes points from a household, with the reason.
func (s *PointService) Deduct(in points.DeductInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.points.Deduct(bg, in)
}

// Redeem exchanges a household's points for goods.
func (s *PointService) Redeem(in points.RedeemInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.points.Redeem(bg, in)
}

// Withdraw takes back an entry made by mistake, with the reason.
func (s *PointService) Withdraw(entryID, reason string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.points.Withdraw(bg, entryID, reason)
}

// DraftNotice renders a village's monthly points 公示 for the preview; nothing is archived.
func (s *PointService) DraftNotice(villageID, month string, in points.NoticeInput) (DocFile, error) {
	if err := s.ready(); err != nil {
		return DocFile{}, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return DocFile{}, err
	}
	g, err := s.o.points.MonthNotice(bg, villageID, month, in)
	if err != nil {
		return DocFile{}, err
	}
	pdf, err := docs.RenderDocument(archive.Fonts, g)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, g), nil
}

// IssueNotice issues and archives a village's monthly points 公示, returned to show at once.
func (s *PointService) IssueNotice(villageID, month string, in points.NoticeInput) (DocFile, error) {
	if err := s.ready(); err != nil {
		return DocFile{}, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return DocFile{}, err
	}
	issued, err := s.o.points.IssueMonthNotice(bg, archive, villageID, month, in)
	if err != nil {
		return DocFile{}, err
	}
	return s.docs.Open(issued.ID)
}
