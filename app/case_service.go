package app

import (
	"fmt"
	"strings"

	"xiangzhi/backend/cases"
	"xiangzhi/backend/docs"
	"xiangzhi/backend/errs"
	"xiangzhi/backend/meetings"
	"xiangzhi/backend/roster/sheet"
	"xiangzhi/backend/store"
)

// CaseService is the bound service of the 民情 screens: registering cases, acting on them, lists and
// the supervision counts. Each method is one call into backend/cases.
type CaseService struct {
	o      *opening
	docs   *DocService   // the archive, for a case's documents
	window *windowEvents // for the file dialogs
}

// NewCaseService returns the service over the database o opens (issuing through docs' archive,
// asking for files in window); when it does not open every call fails with the reason.
func NewCaseService(o *opening, docs *DocService, window *windowEvents) *CaseService {
	return &CaseService{o: o, docs: docs, window: window}
}

func (s *CaseService) ready() error { return s.o.wait() }

// CaseChoices are the fixed lists the case forms offer.
type CaseChoices struct {
	Sources       []string            `json:"sources"`
	Categories    []cases.Category    `json:"categories"`
	Urgencies     []string            `json:"urgencies"`
	Levels        []string            `json:"levels"`
	States        []string            `json:"states"`
	Satisfactions []string            `json:"satisfactions"`
	Mediations    []string            `json:"mediations"` // the outcomes of a dispute's mediation
	Bodies        []string            `json:"bodies"`     // the bodies a dispute is usually handed to (转交)
	Dispute       string              `json:"dispute"`    // the category whose 办结 asks for the outcome
	Extend        string              `json:"extend"`     // the action that extends a deadline
	Remind        string              `json:"remind"`     // the action that chases an overdue case
	Allowed       map[string][]string `json:"allowed"`    // state → the actions it allows
	Needs         []cases.Needs       `json:"needs"`      // what each action asks for
	Cards         []string            `json:"cards"`      // 黄牌, 红牌, 回访逾期
	PartyRoles    []string            `json:"partyRoles"` // 对方当事人, 共同反映人, 相关人
	DefaultLevel  string              `json:"defaultLevel"`
}

// Choices returns the sources, the office's categories, urgencies, levels, states and what each
// state allows.
func (s *CaseService) Choices() (CaseChoices, error) {
	if err := s.ready(); err != nil {
		return CaseChoices{}, err
	}
	settings, err := s.o.cases.Settings(bg)
	if err != nil {
		return CaseChoices{}, err
	}
	allowed := map[string][]string{}
	for _, st := range cases.States {
		allowed[st] = cases.Allowed(st)
	}
	return CaseChoices{Sources: cases.Sources, Categories: settings.Categories, Urgencies: cases.Urgencies,
		Levels: cases.Levels, States: cases.States, Satisfactions: cases.Satisfactions, Allowed: allowed,
		Mediations: cases.Mediations, Bodies: cases.TransferBodies, Dispute: cases.CategoryDispute, Extend: cases.ActExtend, Remind: cases.ActRemind,
		Needs: cases.ActionNeeds, Cards: []string{cases.CardYellow, cases.CardRed, cases.CardFollowUp},
		PartyRoles: cases.PartyRoles, DefaultLevel: cases.DefaultLevel}, nil
}

// Settings returns the office's categories with their time limits and the yellow card's notice.
func (s *CaseService) Settings() (cases.Settings, error) {
	if err := s.ready(); err != nil {
		return cases.Settings{}, err
	}
	return s.o.cases.Settings(bg)
}

// SetSettings keeps the office's categories and yellow card; code invalid naming the field.
func (s *CaseService) SetSettings(st cases.Settings) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.cases.SetSettings(bg, st)
}

// Register records a new case and returns its id and number.
func (s *CaseService) Register(in cases.Input) (map[string]string, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	id, number, err := s.o.cases.Register(bg, in)
	if err != nil {
		return nil, err
	}
	return map[string]string{"id": id, "number": number}, nil
}

// Act applies one step to a case.
func (s *CaseService) Act(id string, st cases.Step) error {
	if err := s.ready(); err != nil {
		return err
	}
	if st.Action == cases.ActResolve { // a case handed down is never resolved without its 办理回执
		k, err := s.o.cases.Get(bg, id)
		if err != nil {
			return err
		}
		if k.HandedDown {
			_, err := s.ActAndIssue(id, st)
			return err
		}
	}
	return s.o.cases.Act(bg, id, st)
}

// Get returns a case with its timeline.
func (s *CaseService) Get(id string) (cases.Case, error) {
	if err := s.ready(); err != nil {
		return cases.Case{}, err
	}
	return s.o.cases.Get(bg, id)
}

// List returns a page of cases.
func (s *CaseService) List(q cases.Query) (cases.Page, error) {
	if err := s.ready(); err != nil {
		return cases.Page{}, err
	}
	return s.o.cases.List(bg, q)
}

// Supervision returns the open cases and their yellow and red cards.
func (s *CaseService) Supervision() (cases.Counts, error) {
	if err := s.ready(); err != nil {
		return cases.Counts{}, err
	}
	return s.o.cases.Supervision(bg)
}

// HandlerChoices returns whom a village's cases ("" for the township's own) can be assigned to: its
// leaders in office, then the names its cases went to before, then the operator.
func (s *CaseService) HandlerChoices(villageID string) ([]cases.HandlerChoice, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.cases.HandlerChoices(bg, villageID)
}

// OfVisits returns the numbers of the cases that came from the given visits (visit id → number).
func (s *CaseService) OfVisits(visitIDs []string) (map[string]string, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.cases.OfVisits(bg, visitIDs)
}

// ActAndIssue takes a step that issues a document (cases.ActionNeeds: 交办 its 民情交办单, 催办 its
// 催办通知书, 办结 of a case handed down its 办理回执) and issues it in the same transaction: both or
// neither. It returns the issued document.
func (s *CaseService) ActAndIssue(id string, st cases.Step) (docs.Issued, error) {
	switch st.Action {
	case cases.ActHandDown:
		return s.issueWith(id, st, func(tx *store.Tx) (docs.Document, error) { return cases.SlipIn(tx, id) })
	case cases.ActRemind:
		return s.issueWith(id, st, func(tx *store.Tx) (docs.Document, error) { return cases.ReminderIn(tx, id, st.Days) })
	case cases.ActResolve:
		return s.issueWith(id, st, func(tx *store.Tx) (docs.Document, error) { return cases.ReceiptIn(tx, id) })
	}
	return docs.Issued{}, errs.Field("action", "“%s”不开具文书", st.Action)
}

// issueWith takes a step on a case and issues the document build makes of it, in one transaction.
func (s *CaseService) issueWith(id string, st cases.Step, build func(tx *store.Tx) (docs.Document, error)) (docs.Issued, error) {
	if err := s.ready(); err != nil {
		return docs.Issued{}, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return docs.Issued{}, err
	}
	var rec docs.Issued
	err = s.o.db.Write(bg, func(tx *store.Tx) error {
		if err := cases.ActIn(tx, id, st); err != nil {
			return err
		}
		doc, err := build(tx)
		if err != nil {
			return err
		}
		rec, _, err = archive.IssueIn(tx, doc, cases.Source(id))
		return err
	})
	if err == nil {
		s.o.cases.Changed()
	}
	return rec, err
}

// AgreementDraft returns the 人民调解协议书 of a dispute mediated to an agreement (调解成功), prefilled from
// the case for the officer to complete. Code conflict when no agreement was reached.
func (s *CaseService) AgreementDraft(id string) (*docs.Agreement, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.cases.AgreementDraft(bg, id)
}

// IssueAgreement issues a dispute's 人民调解协议书 from its input (JSON, as the kind's form gives it):
// archived under the case and recorded on its timeline in one write. It returns the issued document.
func (s *CaseService) IssueAgreement(id, input string) (docs.Issued, error) {
	if err := s.ready(); err != nil {
		return docs.Issued{}, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return docs.Issued{}, err
	}
	k, err := docs.Lookup("agreement")
	if err != nil {
		return docs.Issued{}, err
	}
	doc, err := k.Decode([]byte(input))
	if err != nil {
		return docs.Issued{}, err
	}
	return s.o.cases.IssueAgreement(bg, archive, id, doc.(*docs.Agreement))
}

// Documents lists the documents issued for a case, oldest first.
func (s *CaseService) Documents(id string) ([]docs.Issued, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	archive, err := s.docs.ready()
	if err != nil {
		return nil, err
	}
	return archive.BySource(bg, cases.Source(id))
}

// Statistics returns the figures of the cases registered from from to to (ISO, "" for no bound), of
// one village or all ("").
func (s *CaseService) Statistics(from, to, villageID string) (cases.Stats, error) {
	if err := s.ready(); err != nil {
		return cases.Stats{}, err
	}
	return s.o.cases.Statistics(bg, from, to, villageID)
}

// Report returns the 统计 screen: the figures of the cases registered from from to to (ISO, "" for
// no bound) of one village or all (""), broken down, with today's cards and the visits held.
func (s *CaseService) Report(from, to, villageID string) (cases.Report, error) {
	if err := s.ready(); err != nil {
		return cases.Report{}, err
	}
	r, err := s.o.cases.Report(bg, from, to, villageID)
	if err != nil {
		return r, err
	}
	// the meetings held, beside the cases (meetings builds on cases, so cases cannot count them)
	held, err := s.o.meetings.HeldIn(bg, from, to, villageID)
	if err != nil {
		return r, err
	}
	var kinds []string
	for _, k := range held.ByKind {
		if k.Held > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", meetingShort[k.Kind], k.Held))
		}
	}
	r.Meetings = &cases.MeetingsHeld{Held: held.Total, Note: strings.Join(kinds, "，")}
	return r, nil
}

// meetingShort are the kinds of meeting as a report's note names them.
var meetingShort = map[string]string{meetings.KindAnalysis: "分析会", meetings.KindTalk: "恳谈会", meetings.KindCommittee: "两委会",
	meetings.KindReps: "代表会", meetings.KindParty: "党员大会", meetings.KindReview: "述职会"}

// ExportReport writes the 统计 of the period and village (as Report) as a workbook, one sheet per
// table, where the officer chooses; it returns the path ("" when cancelled).
func (s *CaseService) ExportReport(from, to, villageID, scope string) (string, error) {
	r, err := s.Report(from, to, villageID)
	if err != nil {
		return "", err
	}
	tables := r.Tables(scope)
	path, err := saveDialog(s.window, xlsxFile, "导出统计", docs.FileName(tables[0].Title)+".xlsx")
	if err != nil || path == "" {
		return "", err
	}
	return path, sheet.WriteTables(path, tables...)
}

// PrintReport renders the 统计 of the period and village as a 民情统计报表 for the print preview
// (nothing is archived); scope names the village ("" for the office).
func (s *CaseService) PrintReport(from, to, villageID, scope string) (DocFile, error) {
	if err := s.ready(); err != nil {
		return DocFile{}, err
	}
	a, err := s.docs.ready()
	if err != nil {
		return DocFile{}, err
	}
	r, err := s.Report(from, to, villageID)
	if err != nil {
		return DocFile{}, err
	}
	doc, err := s.o.cases.DocumentOf(bg, r, scope)
	if err != nil {
		return DocFile{}, err
	}
	pdf, err := docs.RenderDocument(a.Fonts, doc)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, doc), nil
}

// TimelineClashes lists the cases whose timeline a merge forked (steps taken at two offices without
// either seeing the other's).
func (s *CaseService) TimelineClashes() ([]cases.TimelineClash, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.cases.TimelineClashes(bg)
}

// SettleTimeline says where a listed case stands: one of its options.
func (s *CaseService) SettleTimeline(caseID string, to cases.Standing) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.cases.SettleTimeline(bg, caseID, to)
}
