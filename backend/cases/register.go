package cases

import (
	"context"
	"fmt"
	"strings"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/idcard"
	"xiangzhi/backend/store"
	"xiangzhi/backend/textrule"
	"xiangzhi/backend/workday"
)

// Input is a case as registered.
type Input struct {
	Source       string `json:"source"`
	Category     string `json:"category"`
	Urgency      string `json:"urgency"` // "" for 一般
	Summary      string `json:"summary"` // 反映事项, one line
	Description  string `json:"description"`
	Location     string `json:"location"`
	VillageID    string `json:"villageId"`
	HouseholdID  string `json:"householdId"`
	ResidentID   string `json:"residentId"`
	PersonName   string `json:"personName"` // someone outside the registry
	PersonPhone  string `json:"personPhone"`
	VisitID      string `json:"visitId"`
	MeetingID    string `json:"meetingId"`    // the meeting whose decision it is (backend/meetings)
	Level        string `json:"level"`        // where it is taken up; "" for 村
	Handler      string `json:"handler"`      // "" while waiting for assignment
	RegisteredOn string `json:"registeredOn"` // ISO date; "" for today
	LimitDays    int    `json:"limitDays"`    // working days; 0 for the category's
	// Parties are the other people it concerns (parties.go): the other side of a dispute, people
	// who reported it together, anyone else it involves.
	Parties []PartyInput `json:"parties"`
}

// Register records a new case in state 登记 with its number and deadline, and its first timeline
// entry. It returns the id and the number. Code invalid, naming the field, for bad input; nothing is
// written then.
func (s *Service) Register(ctx context.Context, in Input) (id, number string, err error) {
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		id, number, err = RegisterIn(tx, in)
		return err
	})
	if err == nil {
		s.events.Emit("cases:changed", nil)
	}
	return id, number, err
}

// RegisterIn is Register inside a caller's transaction.
func RegisterIn(tx *store.Tx, in Input) (id, number string, err error) {
	v, err := in.values(tx)
	if err != nil {
		return "", "", err
	}
	short, err := tx.ShortName()
	if err != nil {
		return "", "", err
	}
	// 丹口-2026-0153: the office's short name keeps two offices' numbers apart.
	number, err = tx.NextNumber("cases", "number", fmt.Sprintf("%s-%s-", short, v["registered_on"].(string)[:4]), 4)
	if err != nil {
		return "", "", err
	}
	v["number"] = number
	if id, err = tx.Insert("cases", v); err != nil {
		return "", "", err
	}
	err = addEvent(tx, id, event{On: v["registered_on"].(string), Action: "登记", To: StateRegistered, Level: v["level"].(string),
		Handler: v["handler"].(string), Deadline: v["deadline"].(string), Note: "来源：" + v["source"].(string)})
	if err != nil {
		return "", "", err
	}
	for i, p := range in.Parties {
		if _, err := AddPartyIn(tx, id, p); err != nil {
			e := errs.As(err)
			return "", "", &errs.Error{Code: e.Code, Field: "parties", Message: fmt.Sprintf("第 %d 位当事人：%s", i+1, e.Message), Err: e.Err}
		}
	}
	return id, number, nil
}

// values checks the input and gives the row to insert. Every field's problem is given at once
// (errs.Problems), not one a save.
func (in Input) values(tx *store.Tx) (store.Values, error) {
	t := strings.TrimSpace
	var p errs.Problems
	source := t(in.Source)
	if !contains(Sources, source) {
		p.Keep(errs.Field("source", "来源只能是%s之一", strings.Join(Sources, "、")))
	}
	category, err := textrule.Name("category", "类别", in.Category, 20, true)
	p.Keep(err)
	urgency := t(in.Urgency)
	if urgency == "" {
		urgency = Urgencies[0]
	}
	if !contains(Urgencies, urgency) {
		p.Keep(errs.Field("urgency", "紧急程度只能是%s之一", strings.Join(Urgencies, "、")))
	}
	summary, err := textrule.Name("summary", "反映事项", in.Summary, 60, true)
	p.Keep(err)
	description, err := textrule.Free("description", "具体情况", in.Description, 5000)
	p.Keep(err)
	location, err := textrule.Name("location", "地点", in.Location, 60, false)
	p.Keep(err)
	person, err := textrule.Name("personName", "反映人姓名", in.PersonName, 30, false)
	p.Keep(err)
	if err == nil && t(in.HouseholdID) == "" && t(in.ResidentID) == "" && person == "" && source != "上级交办" && t(in.MeetingID) == "" {
		p.Keep(errs.Field("personName", "请选择所涉的户或居民，或填写反映人姓名"))
	}
	phone, err := idcard.ParsePhone("personPhone", in.PersonPhone)
	p.Keep(err)
	handler, err := textrule.Name("handler", "责任人", in.Handler, 30, false)
	p.Keep(err)
	level := t(in.Level)
	if level == "" {
		level = DefaultLevel
	}
	if levelIndex(level) < 0 {
		p.Keep(errs.Field("level", "办理层级只能是%s之一", strings.Join(Levels, "、")))
	}
	today := tx.Today()
	registered := today
	if r := t(in.RegisteredOn); r != "" {
		d, err := typedDate("registeredOn", "登记日期", r)
		switch {
		case err != nil:
			p.Keep(err)
		case d.After(today):
			p.Keep(errs.Field("registeredOn", "登记日期不能晚于今天"))
		default:
			registered = d
		}
	}
	limit := in.LimitDays
	if limit == 0 && !p.Has("category") {
		st, err := settingsIn(tx)
		if err != nil {
			return nil, err
		}
		if l, ok := st.LimitOf(category); ok {
			limit = l
		} else {
			p.Keep(errs.Field("limitDays", "“%s”不是本单位设置的类别，请填写办理时限（工作日）", category))
		}
	}
	if limit != 0 && (limit < 1 || limit > 365) {
		p.Keep(errs.Field("limitDays", "办理时限应为 1 到 365 个工作日"))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return store.Values{
		"source": source, "category": category, "urgency": urgency, "summary": summary,
		"description": description, "location": location, "village_id": t(in.VillageID),
		"household_id": t(in.HouseholdID), "resident_id": t(in.ResidentID), "person_name": person,
		"person_phone": phone, "visit_id": t(in.VisitID), "meeting_id": t(in.MeetingID), "state": StateRegistered, "level": level,
		"handler": handler, "registered_on": registered.Format(dateLayout), "limit_days": limit,
		// counted from the next working day after registration
		"deadline": workday.Add(registered, limit).Format(dateLayout),
	}, nil
}
