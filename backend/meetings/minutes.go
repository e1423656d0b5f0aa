package meetings

import (
	"context"
	"fmt"
	"strings"

	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Minutes are what the recorder writes while the meeting runs: the record, speaker by speaker, and
// what the meeting found (会议认为).
type Minutes struct {
	Record  string `json:"record"`
	Opinion string `json:"opinion"`
}

// SaveMinutes keeps the draft minutes of a meeting being held. Code conflict once they are final (a
// change then is an addendum).
func (s *Service) SaveMinutes(ctx context.Context, id string, in Minutes) error {
	return s.write(ctx, func(tx *store.Tx) error {
		if _, err := running(tx, id); err != nil {
			return err
		}
		record, err := textrule.Free("record", "会议记录", in.Record, 20000)
		if err != nil {
			return err
		}
		opinion, err := textrule.Free("opinion", "会议认为", in.Opinion, 2000)
		if err != nil {
			return err
		}
		_, err = tx.Update("meetings", id, store.Values{"record": record, "opinion": opinion})
		return err
	})
}

// Finalised is what finalising the minutes issued.
type Finalised struct {
	Record  docs.Issued `json:"record"`  // the 会议记录
	Summary docs.Issued `json:"summary"` // the 会议纪要
}

// Finalise locks the minutes of a meeting being held and, in the same transaction, issues its 会议记录
// and 会议纪要 to the archive, linked to the meeting: both and the lock, or none of them. Everyone must
// be marked, the host and the recorder named and the record written (code invalid, naming the
// field); code conflict unless the meeting is being held.
func (s *Service) Finalise(ctx context.Context, archive *docs.Archive, id string) (Finalised, error) {
	var out Finalised
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		out, err = FinaliseIn(tx, archive, id)
		return err
	})
	if err == nil {
		s.Changed()
	}
	return out, err
}

// CheckFinalise says what finalising the minutes would refuse, changing nothing: the window asks
// 确定？ only of minutes that can be finalised.
func (s *Service) CheckFinalise(ctx context.Context, id string) error {
	return s.db.Read(ctx, func(tx *store.Tx) error {
		_, err := finalisable(tx, id)
		return err
	})
}

// finalisable is the meeting whose minutes can be finalised, or all that is missing, at once.
func finalisable(tx *store.Tx, id string) (Meeting, error) {
	row, err := running(tx, id)
	if err != nil {
		return Meeting{}, err
	}
	var p errs.Problems
	if row["host"] == "" {
		p.Keep(errs.Field("host", "定稿前请填写主持人"))
	}
	if row["recorder"] == "" {
		p.Keep(errs.Field("recorder", "定稿前请填写记录人"))
	}
	m, err := GetIn(tx, id)
	if err != nil {
		return m, err
	}
	if m.Quorum.Unmarked > 0 {
		p.Keep(errs.Field("attendance", "还有%d人未标记出席情况，定稿前请点完名", m.Quorum.Unmarked))
	}
	if strings.TrimSpace(m.Record) == "" {
		p.Keep(errs.Field("record", "请先填写会议记录"))
	}
	return m, p.Err()
}

// FinaliseIn is Finalise inside a caller's transaction.
func FinaliseIn(tx *store.Tx, archive *docs.Archive, id string) (Finalised, error) {
	var out Finalised
	m, err := finalisable(tx, id)
	if err != nil {
		return out, err
	}
	// 第N期: the meeting's place among the village's final minutes of its kind in its year.
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM meetings WHERE village_id = ? AND kind = ? AND state = ? AND deleted_at IS NULL
		AND held_on BETWEEN ? AND ?`, m.VillageID, m.Kind, StateFinal, m.Date[:4]+"-01-01", m.Date[:4]+"-12-31").Scan(&n); err != nil {
		return out, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	v := store.Values{"state": StateFinal, "finalised_on": tx.Today().Format(dateLayout), "finalised_by": tx.Operator(),
		"issue_no": fmt.Sprintf("%s年第%d期", m.Date[:4], n+1)}
	if _, err := tx.Update("meetings", id, v); err != nil {
		return out, err
	}
	m.State, m.IssueNo = StateFinal, v["issue_no"].(string)
	rec, err := m.record()
	if err != nil {
		return out, err
	}
	sum, err := m.summary()
	if err != nil {
		return out, err
	}
	if out.Record, _, err = archive.IssueIn(tx, rec, Source(id)); err != nil {
		return out, err
	}
	out.Summary, _, err = archive.IssueIn(tx, sum, Source(id))
	return out, err
}

// AddAddendum adds a dated addendum to final minutes and issues the 会议记录 again with it, in one
// transaction; the earlier record stays in the archive. date is ISO, "" for today. Code conflict
// unless the minutes are final.
func (s *Service) AddAddendum(ctx context.Context, archive *docs.Archive, id, date, text string) (docs.Issued, error) {
	var out docs.Issued
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		row, err := meetingRow(tx, id)
		if err != nil {
			return err
		}
		if row["state"] != StateFinal {
			return errs.New(errs.Conflict, "会议记录还没有定稿，可以直接修改，不需要补充说明")
		}
		d, err := idcard.ParseDate("date", date)
		if err != nil {
			return err
		}
		today := tx.Today().Format(dateLayout)
		if d == "" {
			d = today
		}
		if d > today || d < row["held_on"].(string) {
			return errs.Field("date", "补充日期应在会议日期和今天之间")
		}
		t, err := textrule.Free("text", "补充内容", text, 2000)
		if err != nil {
			return err
		}
		if strings.TrimSpace(t) == "" {
			return errs.Field("text", "请填写补充内容")
		}
		if _, err := tx.Insert("meeting_addenda", store.Values{"meeting_id": id, "on_date": d, "text": t}); err != nil {
			return err
		}
		rec, err := RecordIn(tx, id)
		if err != nil {
			return err
		}
		out, _, err = archive.IssueIn(tx, rec, Source(id))
		return err
	})
	if err == nil {
		s.Changed()
	}
	return out, err
}

// IssueNotice issues the 会议通知 of a planned meeting (NoticeIn), linked to the meeting.
func (s *Service) IssueNotice(ctx context.Context, archive *docs.Archive, id string) (docs.Issued, error) {
	var out docs.Issued
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		n, err := NoticeIn(tx, id)
		if err != nil {
			return err
		}
		out, _, err = archive.IssueIn(tx, n, Source(id))
		return err
	})
	return out, err
}

// Draft builds a meeting's 会议记录 (form "record") or 会议纪要 ("summary") from its data as it stands,
// for a preview before the minutes are final; nothing is archived.
func (s *Service) Draft(ctx context.Context, id, form string) (docs.Document, error) {
	var doc docs.Document
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		m, err := GetIn(tx, id)
		if err != nil {
			return err
		}
		switch form {
		case "record":
			doc, err = m.record()
		case "summary":
			doc, err = m.summary()
		default:
			err = errs.Field("form", "只能打印会议记录（record）或会议纪要（summary）")
		}
		return err
	})
	return doc, err
}
