package selections

import (
	"context"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// ObjectionInput is an objection received during the 公示.
type ObjectionInput struct {
	NominationID string `json:"nominationId"`
	By           string `json:"by"`
	ReceivedOn   string `json:"receivedOn"` // ISO; today when empty
	Content      string `json:"content"`
}

// Objection is an objection as the register shows it.
type Objection struct {
	ID           string `json:"id"`
	NominationID string `json:"nominationId"`
	Nominee      string `json:"nominee"`
	By           string `json:"by"`
	ReceivedOn   string `json:"receivedOn"`
	Content      string `json:"content"`
	Verification string `json:"verification"`
	Result       string `json:"result"`
	DecidedOn    string `json:"decidedOn"`
}

// Object registers an objection to a nominee on the 公示, received within its period.
func (s *Service) Object(ctx context.Context, campaignID string, in ObjectionInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		id, err = ObjectIn(tx, campaignID, in)
		return err
	})
	return id, err
}

// ObjectIn is Object inside a caller's transaction.
func ObjectIn(tx *store.Tx, campaignID string, in ObjectionInput) (id string, err error) {
	c, err := GetIn(tx, campaignID)
	if err != nil {
		return "", err
	}
	if c.Phase != PhaseNotice {
		return "", errs.New(errs.Conflict, "评选处于“%s”阶段，不在公示期，不能登记异议", c.Phase)
	}
	n, err := tx.Get("selection_nominations", in.NominationID)
	if err != nil || n["campaign_id"] != campaignID {
		return "", errs.Field("nominationId", "所选的被推荐对象不属于这项评选")
	}
	if n["removed"] != "" {
		return "", errs.Field("nominationId", "%s已被取消资格", n["name"])
	}
	on := in.ReceivedOn
	if on == "" {
		on = tx.Today().Format(dateLayout)
	}
	if on, err = idcard.ParseDate("receivedOn", on); err != nil {
		return "", err
	}
	from := c.PostedOn // a 公示 posted before its period starts is read, and objected to, from that day
	if from == "" || from > c.NoticeStart {
		from = c.NoticeStart
	}
	if on < from || on > c.NoticeEnd || on > tx.Today().Format(dateLayout) {
		return "", errs.Field("receivedOn", "公示于%s张贴、%s期满，收到日期应在其间且不晚于今天", idcard.ISODateCN(from), idcard.ISODateCN(c.NoticeEnd))
	}
	by, err := textrule.Name("by", "反映人", in.By, 30, true)
	if err != nil {
		return "", err
	}
	content, err := textrule.Free("content", "反映内容", in.Content, 1000)
	if err != nil {
		return "", err
	}
	if content == "" {
		return "", errs.Field("content", "请写明反映的问题")
	}
	id, err = tx.Insert("selection_objections", store.Values{"campaign_id": campaignID, "nomination_id": in.NominationID,
		"by_whom": by, "received_on": on, "content": content})
	return id, err
}

// Settled is what settling an objection did: a sustained one removes the nominee, the next in rank
// moves up, and the 公示 is posted again with the new list for a full period.
type Settled struct {
	Removed  bool        `json:"removed"`
	Reposted docs.Issued `json:"reposted"`
}

// Settle records how an objection was checked and its result. 成立 removes the nominee; when the
// nominee was within the quota, the next in rank moves up and the 公示 is posted again, for its full
// period from the next working day, in the same write. notice says where and how (as for Publish).
func (s *Service) Settle(ctx context.Context, archive *docs.Archive, objectionID, verification, result string, notice NoticeInput) (Settled, error) {
	var out Settled
	err := s.write(ctx, func(tx *store.Tx) (err error) {
		out, err = SettleIn(tx, archive, objectionID, verification, result, notice)
		return err
	})
	return out, err
}

// SettleIn is Settle inside a caller's transaction.
func SettleIn(tx *store.Tx, archive *docs.Archive, objectionID, verification, result string, notice NoticeInput) (out Settled, err error) {
	o, err := tx.Get("selection_objections", objectionID)
	if err != nil {
		return Settled{}, errs.New(errs.NotFound, "这条异议不存在")
	}
	if o["result"] != "" {
		return Settled{}, errs.New(errs.Conflict, "这条异议已处理（%s）", o["result"])
	}
	campaignID := o["campaign_id"].(string)
	c, err := GetIn(tx, campaignID)
	if err != nil {
		return Settled{}, err
	}
	if c.Phase != PhaseNotice {
		return Settled{}, errs.New(errs.Conflict, "评选处于“%s”阶段，不能再处理异议", c.Phase)
	}
	verification, err = textrule.Free("verification", "核实情况", verification, 1000)
	if err != nil {
		return Settled{}, err
	}
	if verification == "" {
		return Settled{}, errs.Field("verification", "请写明如何核实、核实到什么")
	}
	if result != Sustained && result != Dismissed {
		return Settled{}, errs.Field("result", "请选择核实结果（成立或不成立）")
	}
	today := tx.Today().Format(dateLayout)
	if _, err := tx.Update("selection_objections", objectionID, store.Values{"verification": verification, "result": result,
		"decided_on": today}); err != nil {
		return Settled{}, err
	}
	if result == Dismissed {
		return out, nil
	}
	before, err := RankIn(tx, campaignID)
	if err != nil {
		return Settled{}, err
	}
	nomination := o["nomination_id"].(string)
	if _, err := tx.Update("selection_nominations", nomination, store.Values{"removed": "公示期间异议经核实成立：" + verification}); err != nil {
		return Settled{}, err
	}
	out.Removed = true
	wasSelected := false
	for _, e := range before.List {
		if e.ID == nomination {
			wasSelected = e.Selected
		}
	}
	if !wasSelected {
		return out, nil
	}
	after, err := RankIn(tx, campaignID)
	if err != nil {
		return Settled{}, err
	}
	// the new list is posted for a full period from tomorrow
	start, end, err := noticePeriod(tx, tx.Today().AddDate(0, 0, 1).Format(dateLayout), c.NoticeDays)
	if err != nil {
		return Settled{}, err
	}
	if _, err := tx.Update("selection_campaigns", campaignID, store.Values{"notice_start": start, "notice_end": end}); err != nil {
		return Settled{}, err
	}
	c.NoticeStart, c.NoticeEnd = start, end
	out.Reposted, err = issueNoticeIn(tx, archive, c, after, notice)
	return out, err
}

// Objections lists a campaign's objections in the order received.
func (s *Service) Objections(ctx context.Context, campaignID string) ([]Objection, error) {
	out := []Objection{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		rows, err := tx.Query(`SELECT o.id, o.nomination_id, n.name, o.by_whom, o.received_on, o.content, o.verification, o.result,
			o.decided_on FROM selection_objections o JOIN selection_nominations n ON n.id = o.nomination_id
			WHERE o.campaign_id = ? AND o.deleted_at IS NULL ORDER BY o.received_on, o.created_at, o.id`, campaignID)
		if err != nil {
			return errs.Wrap(err, errs.Internal, "读取异议失败")
		}
		defer rows.Close()
		for rows.Next() {
			var o Objection
			if err := rows.Scan(&o.ID, &o.NominationID, &o.Nominee, &o.By, &o.ReceivedOn, &o.Content, &o.Verification, &o.Result,
				&o.DecidedOn); err != nil {
				return errs.Wrap(err, errs.Internal, "读取异议失败")
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}
