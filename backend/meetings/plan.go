package meetings

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// Input is a meeting as it is called.
type Input struct {
	VillageID string `json:"villageId"`
	Kind      string `json:"kind"`
	Title     string `json:"title"` // "" for the usual name, e.g. 桃林村2026年11月民情分析会
	Date      string `json:"date"`  // ISO
	Start     string `json:"start"` // HH:MM
	End       string `json:"end"`
	Place     string `json:"place"`
	Host      string `json:"host"`
	Recorder  string `json:"recorder"`
}

var clock = regexp.MustCompile(`^([01]?[0-9]|2[0-3]):[0-5][0-9]$`)

// hhmm checks a time of day written HH:MM ("" allowed) and gives it with two-digit hours.
func hhmm(field, label, s string) (string, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "：", ":")
	if s == "" {
		return "", nil
	}
	if !clock.MatchString(s) {
		return "", errs.Field(field, "%s应写成“时:分”，如 09:30", label)
	}
	if len(s) == 4 {
		s = "0" + s
	}
	return s, nil
}

// values checks the input and gives the columns to write; village is the village's name.
func (in Input) values(tx *store.Tx) (store.Values, string, error) {
	var p errs.Problems // every field's problem at once
	village, err := grid.VillageNameIn(tx, strings.TrimSpace(in.VillageID), "villageId")
	p.Keep(err)
	kind := strings.TrimSpace(in.Kind)
	if !contains(Kinds, kind) {
		p.Keep(errs.Field("kind", "会议类型只能是%s之一", strings.Join(Kinds, "、")))
	}
	date, err := idcard.ParseDate("date", in.Date)
	p.Keep(err)
	if err == nil && date == "" {
		p.Keep(errs.Field("date", "请填写会议日期"))
	}
	start, err := hhmm("start", "开始时间", in.Start)
	p.Keep(err)
	end, err := hhmm("end", "结束时间", in.End)
	p.Keep(err)
	if start != "" && end != "" && end <= start {
		p.Keep(errs.Field("end", "结束时间应晚于开始时间"))
	}
	title := strings.TrimSpace(in.Title)
	if title == "" && p.Err() == nil { // the usual title needs the village, kind and date
		title = usualTitle(village, kind, date)
	}
	if title != "" || p.Err() == nil {
		title, err = textrule.Name("title", "会议名称", title, 60, true)
		p.Keep(err)
	}
	place, err := textrule.Name("place", "地点", in.Place, 40, false)
	p.Keep(err)
	host, err := textrule.Name("host", "主持人", in.Host, 20, false)
	p.Keep(err)
	recorder, err := textrule.Name("recorder", "记录人", in.Recorder, 20, false)
	p.Keep(err)
	if err := p.Err(); err != nil {
		return nil, "", err
	}
	return store.Values{"village_id": strings.TrimSpace(in.VillageID), "kind": kind, "title": title, "held_on": date,
		"start_time": start, "end_time": end, "place": place, "host": host, "recorder": recorder}, village, nil
}

// usualTitle is how a meeting is usually named: 桃林村2026年11月民情分析会, 桃林村2026年第四季度村(居)民恳谈会,
// 桃林村2026年11月27日两委会议.
func usualTitle(village, kind, date string) string {
	y, m := date[:4], strings.TrimPrefix(date[5:7], "0")
	switch kind {
	case KindAnalysis:
		return fmt.Sprintf("%s%s年%s月%s", village, y, m, kind)
	case KindTalk:
		q := (int(date[5]-'0')*10 + int(date[6]-'0') + 2) / 3
		return fmt.Sprintf("%s%s年第%s季度%s", village, y, chineseNumber(q), kind)
	}
	return village + cn(date) + kind
}

// Create calls a meeting (state 筹备) and invites those its kind calls for from the registry
// (members.go); a 民情分析会 gets its agenda from the village's open cases and unfinished decisions
// (agenda.go). It returns the id. Code invalid, naming the field, for bad input; nothing is written
// then.
func (s *Service) Create(ctx context.Context, in Input) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *store.Tx) (err error) {
		id, err = CreateIn(tx, in)
		return err
	})
	if err == nil {
		s.Changed()
	}
	return id, err
}

// CreateIn is Create inside a caller's transaction.
func CreateIn(tx *store.Tx, in Input) (string, error) {
	v, _, err := in.values(tx)
	if err != nil {
		return "", err
	}
	v["state"] = StatePlanned
	id, err := tx.Insert("meetings", v)
	if err != nil {
		return "", err
	}
	if err := inviteIn(tx, id, v["village_id"].(string), v["held_on"].(string), invitations[v["kind"].(string)]); err != nil {
		return "", err
	}
	if v["kind"] == KindAnalysis {
		if err := prefillAgendaIn(tx, id, v["village_id"].(string), v["held_on"].(string)); err != nil {
			return "", err
		}
	}
	return id, nil
}

// Update changes a meeting's particulars (its village and kind stay). Code conflict once its minutes
// are final or it was called off.
func (s *Service) Update(ctx context.Context, id string, in Input) error {
	return s.write(ctx, func(tx *store.Tx) error {
		row, err := editable(tx, id)
		if err != nil {
			return err
		}
		in.VillageID, in.Kind = row["village_id"].(string), row["kind"].(string)
		v, _, err := in.values(tx)
		if err != nil {
			return err
		}
		delete(v, "village_id")
		delete(v, "kind")
		_, err = tx.Update("meetings", id, v)
		return err
	})
}

// Start opens a planned meeting: it is being held, its minutes are a draft. Code conflict unless
// planned; invalid when its day is still to come.
func (s *Service) Start(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error { return StartIn(tx, id) })
}

// StartIn is Start inside a caller's transaction.
func StartIn(tx *store.Tx, id string) error {
	row, err := meetingRow(tx, id)
	if err != nil {
		return err
	}
	if row["state"] != StatePlanned {
		return errs.New(errs.Conflict, "这次会议现在是“%s”，不能再开始", row["state"])
	}
	if row["held_on"].(string) > tx.Today().Format(dateLayout) {
		return errs.Field("date", "会议日期是 %s，还没到，不能开始；日期有变请先修改", cn(row["held_on"].(string)))
	}
	_, err = tx.Update("meetings", id, store.Values{"state": StateRunning})
	return err
}

// Cancel calls a planned meeting off with a reason. Code conflict unless planned.
func (s *Service) Cancel(ctx context.Context, id, reason string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		row, err := meetingRow(tx, id)
		if err != nil {
			return err
		}
		if row["state"] != StatePlanned {
			return errs.New(errs.Conflict, "这次会议现在是“%s”，只有筹备中的会议可以取消", row["state"])
		}
		r, err := textrule.Name("reason", "取消原因", reason, 100, true)
		if err != nil {
			return err
		}
		_, err = tx.Update("meetings", id, store.Values{"state": StateCancelled, "cancel_reason": r})
		return err
	})
}

// Delete removes a meeting entered by mistake (a tombstone), with everything in it. Code conflict
// once its minutes are final: final minutes are never removed.
func (s *Service) Delete(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *store.Tx) error {
		row, err := meetingRow(tx, id)
		if err != nil {
			return err
		}
		if row["state"] == StateFinal {
			return errs.New(errs.Conflict, "会议记录已定稿，不能删除")
		}
		var linked int
		if err := tx.QueryRow(`SELECT count(*) FROM meeting_case_links WHERE meeting_id = ? AND deleted_at IS NULL`, id).Scan(&linked); err != nil {
			return errs.Wrap(err, errs.Internal, "读取会议决定失败")
		}
		if linked > 0 {
			return errs.New(errs.Conflict, "这次会议的决定已交办了%d件民情，不能删除", linked)
		}
		for _, table := range []string{"meeting_members", "meeting_items", "meeting_resolutions"} {
			ids, err := idsOf(tx, `SELECT id FROM `+table+` WHERE meeting_id = ? AND deleted_at IS NULL`, id)
			if err != nil {
				return err
			}
			for _, child := range ids {
				if err := tx.Delete(table, child); err != nil {
					return err
				}
			}
		}
		return tx.Delete("meetings", id)
	})
}

// write runs fn in a write transaction and tells the window when it succeeded.
func (s *Service) write(ctx context.Context, fn func(tx *store.Tx) error) error {
	err := s.db.Write(ctx, fn)
	if err == nil {
		s.Changed()
	}
	return err
}

// meetingRow reads a live meeting. Code not_found when there is none.
func meetingRow(tx *store.Tx, id string) (store.Values, error) {
	row, err := tx.Get("meetings", id)
	if err != nil {
		return nil, errs.New(errs.NotFound, "这次会议不存在或已删除")
	}
	return row, nil
}

// editable reads a meeting whose minutes may still change: planned or being held. Code conflict for
// final minutes (a change is an addendum) or a meeting called off.
func editable(tx *store.Tx, id string) (store.Values, error) {
	row, err := meetingRow(tx, id)
	if err != nil {
		return nil, err
	}
	switch row["state"] {
	case StateFinal:
		return nil, errs.New(errs.Conflict, "会议记录已定稿，不能再修改；如需更正，请添加补充说明")
	case StateCancelled:
		return nil, errs.New(errs.Conflict, "这次会议已取消，不能再修改")
	}
	return row, nil
}

func idsOf(tx *store.Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取会议失败")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(err, errs.Internal, "读取会议失败")
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
