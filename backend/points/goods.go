package points

import (
	"context"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// GoodsInput is an article of a village's shop.
type GoodsInput struct {
	VillageID string `json:"villageId"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Price     int    `json:"price"` // points
	Stock     int    `json:"stock"`
}

// Goods is an article as kept, with the stock left.
type Goods struct {
	GoodsInput
	ID string `json:"id"`
}

func (in GoodsInput) values(tx *store.Tx) (store.Values, error) {
	var p errs.Problems
	_, err := grid.VillageNameIn(tx, in.VillageID, "villageId")
	p.Keep(err)
	name, err := textrule.Name("name", "商品名称", in.Name, 40, true)
	p.Keep(err)
	unit, err := textrule.Name("unit", "单位", in.Unit, 10, false)
	p.Keep(err)
	if in.Price < 1 || in.Price > 100000 {
		p.Keep(errs.Field("price", "兑换积分应为 1 到 100000 分"))
	}
	if in.Stock < 0 || in.Stock > 1000000 {
		p.Keep(errs.Field("stock", "库存应为 0 到 1000000"))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if unit == "" {
		unit = "件"
	}
	return store.Values{"village_id": in.VillageID, "name": name, "unit": unit, "price": in.Price, "stock": in.Stock}, nil
}

// AddGoods puts an article in a village's shop.
func (s *Service) AddGoods(ctx context.Context, in GoodsInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = AddGoodsIn(tx, in)
		return err
	})
	return id, err
}

// AddGoodsIn is AddGoods inside a caller's transaction.
func AddGoodsIn(tx *store.Tx, in GoodsInput) (string, error) {
	v, err := in.values(tx)
	if err != nil {
		return "", err
	}
	return tx.Insert("point_goods", v)
}

// Restock adds n to an article's stock inside the write, so a redemption made meanwhile is not
// overwritten (as setting the stock through UpdateGoods would).
func (s *Service) Restock(ctx context.Context, id string, n int) error {
	if n < 1 || n > 100000 {
		return errs.Field("stock", "补货数量应为 1 到 100000")
	}
	return s.write(ctx, func(tx *store.Tx) error {
		g, err := tx.Get("point_goods", id)
		if err != nil {
			return errs.New(errs.NotFound, "这件商品不存在或已下架")
		}
		_, err = tx.Update("point_goods", id, store.Values{"stock": g["stock"].(int64) + int64(n)})
		return err
	})
}

// UpdateGoods changes an article: its name, price or stock (restocking); not its village.
func (s *Service) UpdateGoods(ctx context.Context, id string, in GoodsInput) error {
	return s.write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Get("point_goods", id)
		if err != nil {
			return err
		}
		in.VillageID = cur["village_id"].(string)
		v, err := in.values(tx)
		if err != nil {
			return err
		}
		_, err = tx.Update("point_goods", id, v)
		return err
	})
}

// GoodsOf lists a village's shop, by name.
func (s *Service) GoodsOf(ctx context.Context, villageID string) ([]Goods, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, village_id, name, unit, price, stock FROM point_goods
		WHERE village_id = ? AND deleted_at IS NULL ORDER BY name COLLATE pinyin, id`, villageID)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取商品失败")
	}
	defer rows.Close()
	out := []Goods{}
	for rows.Next() {
		var g Goods
		if err := rows.Scan(&g.ID, &g.VillageID, &g.Name, &g.Unit, &g.Price, &g.Stock); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取商品失败")
		}
		out = append(out, g)
	}
	return out, rows.Err()
}
