package meetings

import (
	"context"
	"fmt"
	"strings"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
)

// RepYear is a villager representative's year, assembled from the registry, the cases and the
// meetings as the basis of their yearly report (述职): the visits they made against the cadence, the
// cases those visits led to and what became of them, the meetings they were called to and came to,
// and the committee's review when it is recorded.
type RepYear struct {
	ResidentID    string `json:"residentId"`
	Name          string `json:"name"`
	VillageID     string `json:"villageId"`
	VillageName   string `json:"villageName"`
	Neighbourhood string `json:"neighbourhood"`
	Year          int    `json:"year"`
	Until         string `json:"until"` // ISO: the last day counted (the year's end, or today)
	grid.RepVisits
	Cases            cases.Outcomes `json:"cases"`
	MeetingsInvited  int            `json:"meetingsInvited"`  // held meetings they were on the list of
	MeetingsAttended int            `json:"meetingsAttended"` // of which they came to
	MeetingsLeave    int            `json:"meetingsLeave"`
	MeetingsAbsent   int            `json:"meetingsAbsent"`
	Review           *Review        `json:"review"`
}

// Review is the committee's yearly review of a representative.
type Review struct {
	ID         string `json:"id"`
	Grade      string `json:"grade"`
	Reasons    string `json:"reasons"`
	MeetingID  string `json:"meetingId"`
	ReviewedOn string `json:"reviewedOn"`
}

// RepYear assembles a representative's year (RepYearIn). Code not_found when the resident led no
// neighbourhood that year.
func (s *Service) RepYear(ctx context.Context, residentID string, year int) (RepYear, error) {
	var r RepYear
	err := s.db.Read(ctx, func(tx *store.Tx) (err error) {
		r, err = RepYearIn(tx, residentID, year)
		return err
	})
	return r, err
}

// RepYearIn is RepYear inside a caller's transaction.
func RepYearIn(tx *store.Tx, residentID string, year int) (RepYear, error) {
	r := RepYear{ResidentID: residentID, Year: year}
	if year < 2000 || year > 2100 {
		return r, errs.Field("year", "年度应在 2000 到 2100 之间")
	}
	b, err := grid.ResidentIn(tx, residentID, "residentId")
	if err != nil {
		return r, err
	}
	r.Name, r.VillageID = b.Name, b.VillageID
	reps, err := grid.RepresentativesIn(tx, b.VillageID, year)
	if err != nil {
		return r, err
	}
	found := false
	for _, p := range reps {
		if p.ResidentID == residentID {
			r.Neighbourhood, found = p.Neighbourhood, true
		}
	}
	if !found {
		return r, errs.New(errs.NotFound, "%s在%d年没有担任邻长（村民代表）", b.Name, year)
	}
	r.VillageName, _ = grid.VillageNameIn(tx, b.VillageID, "villageId")
	r.Until = fmt.Sprintf("%d-12-31", year)
	if today := tx.Today(); today.Format(dateLayout) < r.Until {
		r.Until = today.Format(dateLayout)
	}
	until, _ := parseDay(r.Until)
	if r.RepVisits, err = grid.RepYearIn(tx, residentID, year, until); err != nil {
		return r, err
	}
	if r.Cases, err = cases.OutcomesOfVisitsIn(tx, r.VisitIDs); err != nil {
		return r, err
	}
	err = tx.QueryRow(`SELECT count(*), coalesce(sum(x.attendance IN ('出席', '列席')), 0), coalesce(sum(x.attendance = '请假'), 0),
		coalesce(sum(x.attendance = '缺席'), 0)
		FROM meeting_members x JOIN meetings m ON m.id = x.meeting_id
		WHERE x.resident_id = ? AND x.resident_id <> '' AND x.deleted_at IS NULL AND m.deleted_at IS NULL AND m.state IN ('进行中', '已定稿')
		  AND m.held_on BETWEEN ? AND ?`, residentID, fmt.Sprintf("%d-01-01", year), r.Until).
		Scan(&r.MeetingsInvited, &r.MeetingsAttended, &r.MeetingsLeave, &r.MeetingsAbsent)
	if err != nil {
		return r, errs.Wrap(err, errs.Internal, "读取参会记录失败")
	}
	r.Review, err = reviewIn(tx, residentID, year)
	return r, err
}

func reviewIn(tx *store.Tx, residentID string, year int) (*Review, error) {
	rows, err := tx.Query(`SELECT id, grade, reasons, meeting_id, reviewed_on FROM rep_reviews WHERE resident_id = ? AND year = ?
		AND deleted_at IS NULL ORDER BY reviewed_on DESC, updated_at DESC LIMIT 1`, residentID, year)
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取评议结果失败")
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var v Review
	if err := rows.Scan(&v.ID, &v.Grade, &v.Reasons, &v.MeetingID, &v.ReviewedOn); err != nil {
		return nil, errs.Wrap(err, errs.Internal, "读取评议结果失败")
	}
	return &v, nil
}

// RepYears assembles the year of every representative of a village, by name.
func (s *Service) RepYears(ctx context.Context, villageID string, year int) ([]RepYear, error) {
	out := []RepYear{}
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		reps, err := grid.RepresentativesIn(tx, villageID, year)
		if err != nil {
			return err
		}
		for _, p := range reps {
			r, err := RepYearIn(tx, p.ResidentID, year)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// ReviewInput is the committee's review of a representative's year.
type ReviewInput struct {
	ResidentID string `json:"residentId"`
	Year       int    `json:"year"`
	Grade      string `json:"grade"`
	Reasons    string `json:"reasons"`
	MeetingID  string `json:"meetingId"` // the 述职评议会, if recorded
	Date       string `json:"date"`      // ISO, "" for today
}

// RecordReview records (or corrects) a representative's review for a year. A grade below 称职 needs
// its reasons. Code invalid, naming the field; not_found when they were no representative that year.
func (s *Service) RecordReview(ctx context.Context, in ReviewInput) (string, error) {
	var id string
	err := s.write(ctx, func(tx *store.Tx) error {
		if err := tx.NeedOperator("评议结果"); err != nil {
			return err
		}
		rep, err := RepYearIn(tx, strings.TrimSpace(in.ResidentID), in.Year)
		if err != nil {
			return err
		}
		grade := strings.TrimSpace(in.Grade)
		if !contains(Grades, grade) {
			return errs.Field("grade", "评议等次只能是%s之一", strings.Join(Grades, "、"))
		}
		reasons, err := textrule.Free("reasons", "评议理由", in.Reasons, 500)
		if err != nil {
			return err
		}
		if strings.TrimSpace(reasons) == "" && (grade == "基本称职" || grade == "不称职") {
			return errs.Field("reasons", "评为“%s”须写明理由", grade)
		}
		d, err := idcard.ParseDate("date", in.Date)
		if err != nil {
			return err
		}
		if d == "" {
			d = tx.Today().Format(dateLayout)
		}
		if d[:4] < fmt.Sprint(in.Year) {
			return errs.Field("date", "评议日期不能早于被评议的年度")
		}
		if m := strings.TrimSpace(in.MeetingID); m != "" {
			if _, err := meetingRow(tx, m); err != nil {
				return errs.Field("meetingId", "所选评议会议不存在或已删除")
			}
		}
		v := store.Values{"resident_id": rep.ResidentID, "village_id": rep.VillageID, "year": in.Year, "grade": grade,
			"reasons": reasons, "meeting_id": strings.TrimSpace(in.MeetingID), "reviewed_on": d}
		if rep.Review != nil {
			id = rep.Review.ID
			_, err = tx.Update("rep_reviews", id, v)
			return err
		}
		id, err = tx.Insert("rep_reviews", v)
		return err
	})
	return id, err
}

// NoticeInput is what a 公示 needs besides the list: when it starts, for how many working days, and
// where and how to object.
type NoticeInput struct {
	Start   string `json:"start"` // ISO, "" for today
	Days    int    `json:"days"`  // working days; 0 for 5
	Where   string `json:"where"`
	How     string `json:"how"`
	Contact string `json:"contact"`
	Phone   string `json:"phone"`
	Monitor string `json:"monitor"`
}

// ReviewNoticeIn builds the 公示 of a village's review results for a year: every representative
// reviewed, with their neighbourhood, grade and masked ID number (never the full one, nor a phone).
// Code conflict when nobody has been reviewed.
func ReviewNoticeIn(tx *store.Tx, villageID string, year int, in NoticeInput) (*docs.Gongshi, error) {
	village, err := grid.VillageNameIn(tx, villageID, "villageId")
	if err != nil {
		return nil, err
	}
	reps, err := grid.RepresentativesIn(tx, villageID, year)
	if err != nil {
		return nil, err
	}
	var people []docs.GongshiItem
	var ids []string
	var reviewed []grid.Representative
	grades := map[string]*Review{}
	for _, p := range reps {
		rv, err := reviewIn(tx, p.ResidentID, year)
		if err != nil {
			return nil, err
		}
		if rv != nil {
			grades[p.ResidentID] = rv
			reviewed = append(reviewed, p)
			ids = append(ids, p.ResidentID)
		}
	}
	if len(reviewed) == 0 {
		return nil, errs.New(errs.Conflict, "%s%d年还没有记录任何村民代表的评议结果", village, year)
	}
	masked, err := grid.MaskedIDsIn(tx, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range reviewed {
		people = append(people, docs.GongshiItem{Name: cut(p.Name, 20), ID: masked[p.ResidentID], Village: cut(p.Neighbourhood, 30),
			Reason: cut("评议等次："+grades[p.ResidentID].Grade, 300)})
	}
	start, err := idcard.ParseDate("start", in.Start)
	if err != nil {
		return nil, err
	}
	if start == "" {
		start = tx.Today().Format(dateLayout)
	}
	days := in.Days
	if days == 0 {
		days = 5
	}
	issuer := issuerOf(Meeting{VillageName: village})
	return &docs.Gongshi{Title: cut(fmt.Sprintf("%s%d年度村民代表履职评议结果公示", village, year), 80),
		Basis:   fmt.Sprintf("根据村民代表履职评议有关规定，%s组织对%d名村民代表%d年度履职情况进行了评议。", issuer, len(reviewed), year),
		Process: "村民代表向所联系的户述职，村“两委”结合走访、民情反映办理和参会情况逐人评议，确定评议等次。",
		People:  people, Start: docs.Date(start), Days: days, Where: in.Where, How: in.How, Contact: in.Contact, Phone: in.Phone,
		Monitor: in.Monitor, Issuer: issuer, Date: docs.Date(start)}, nil
}

// IssueReviewNotice issues the 公示 of a village's review results (ReviewNoticeIn) to the archive.
func (s *Service) IssueReviewNotice(ctx context.Context, archive *docs.Archive, villageID string, year int, in NoticeInput) (docs.Issued, error) {
	var out docs.Issued
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		g, err := ReviewNoticeIn(tx, villageID, year, in)
		if err != nil {
			return err
		}
		out, _, err = archive.IssueIn(tx, g, docs.Source{Table: "villages", ID: villageID})
		return err
	})
	return out, err
}
