package app

import (
	"xiangzhi/backend/docs"
	"xiangzhi/backend/grid"
	"xiangzhi/backend/meetings"
)

// MeetingService is the bound service of the 会议 screens: calling meetings, the roll call, the
// agenda, decisions and the cases they order, the minutes and their papers, the cadence, and the
// representatives' yearly report and review. Each method is one call into backend/meetings.
type MeetingService struct {
	o    *opening
	docs *DocService // the archive, for the papers
}

// NewMeetingService returns the service over the database o opens (issuing through docs' archive);
// when it does not open every call fails with the reason.
func NewMeetingService(o *opening, docs *DocService) *MeetingService {
	return &MeetingService{o: o, docs: docs}
}

func (s *MeetingService) ready() error { return s.o.wait() }

// archive returns the documents archive once the service is ready.
func (s *MeetingService) archive() (*docs.Archive, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.docs.ready()
}

// MeetingChoices are the fixed lists the meeting forms offer.
type MeetingChoices struct {
	Kinds       []string `json:"kinds"`
	States      []string `json:"states"`
	Attendances []string `json:"attendances"`
	Roles       []string `json:"roles"`
	Grades      []string `json:"grades"`
	Regular     []string `json:"regular"` // the kinds with a cadence
}

// Choices returns the kinds, states, attendance marks, roles and review grades.
func (s *MeetingService) Choices() MeetingChoices {
	return MeetingChoices{Kinds: meetings.Kinds, States: meetings.States, Attendances: meetings.Attendances, Roles: meetings.Roles,
		Grades: meetings.Grades, Regular: []string{meetings.KindAnalysis, meetings.KindTalk}}
}

// Villages lists the villages to choose from.
func (s *MeetingService) Villages() ([]grid.VillageBrief, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.meetings.Villages(bg)
}

// List returns a page of meetings, the latest first.
func (s *MeetingService) List(q meetings.Query) (meetings.Page, error) {
	if err := s.ready(); err != nil {
		return meetings.Page{}, err
	}
	return s.o.meetings.List(bg, q)
}

// Get returns a meeting with its people, agenda, decisions and minutes.
func (s *MeetingService) Get(id string) (meetings.Meeting, error) {
	if err := s.ready(); err != nil {
		return meetings.Meeting{}, err
	}
	return s.o.meetings.Get(bg, id)
}

// Due lists the regular meetings due this period or missed in the last, of one village or all ("").
func (s *MeetingService) Due(villageID string) ([]meetings.Due, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.meetings.Due(bg, villageID)
}

// Held counts the meetings held from from to to (ISO) of one village or all, for 统计.
func (s *MeetingService) Held(from, to, villageID string) (meetings.Held, error) {
	if err := s.ready(); err != nil {
		return meetings.Held{}, err
	}
	return s.o.meetings.HeldIn(bg, from, to, villageID)
}

// Create calls a meeting and returns its id.
func (s *MeetingService) Create(in meetings.Input) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.meetings.Create(bg, in)
}

// Update changes a meeting's particulars.
func (s *MeetingService) Update(id string, in meetings.Input) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.Update(bg, id, in)
}

// Start opens a planned meeting.
func (s *MeetingService) Start(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.Start(bg, id)
}

// Cancel calls a planned meeting off.
func (s *MeetingService) Cancel(id, reason string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.Cancel(bg, id, reason)
}

// Delete removes a meeting entered by mistake (not one with final minutes).
func (s *MeetingService) Delete(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.Delete(bg, id)
}

// InviteRole invites everyone holding a role in the village; it returns how many were added.
func (s *MeetingService) InviteRole(id, role string, voting bool) (int, error) {
	if err := s.ready(); err != nil {
		return 0, err
	}
	return s.o.meetings.InviteRole(bg, id, role, voting)
}

// AddMember invites one person.
func (s *MeetingService) AddMember(id string, in meetings.MemberInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.meetings.AddMember(bg, id, in)
}

// RemoveMember takes a person off the list.
func (s *MeetingService) RemoveMember(memberID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.RemoveMember(bg, memberID)
}

// MarkAttendance records whether a person came.
func (s *MeetingService) MarkAttendance(memberID string, mk meetings.Mark) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.MarkAttendance(bg, memberID, mk)
}

// MarkRest marks everyone not yet marked as come; it returns how many.
func (s *MeetingService) MarkRest(id string) (int, error) {
	if err := s.ready(); err != nil {
		return 0, err
	}
	return s.o.meetings.MarkRest(bg, id)
}

// AddItem adds an agenda item.
func (s *MeetingService) AddItem(id string, in meetings.ItemInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.meetings.AddItem(bg, id, in)
}

// UpdateItem changes an agenda item's title and discussion.
func (s *MeetingService) UpdateItem(itemID string, in meetings.ItemInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.UpdateItem(bg, itemID, in)
}

// RemoveItem takes an item off the agenda.
func (s *MeetingService) RemoveItem(itemID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.RemoveItem(bg, itemID)
}

// AddResolution records a decision with its vote; it returns its id.
func (s *MeetingService) AddResolution(id string, in meetings.ResolutionInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.meetings.AddResolution(bg, id, in)
}

// UpdateResolution changes a decision while the meeting is held.
func (s *MeetingService) UpdateResolution(resolutionID string, in meetings.ResolutionInput) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.UpdateResolution(bg, resolutionID, in)
}

// RemoveResolution removes a decision recorded by mistake.
func (s *MeetingService) RemoveResolution(resolutionID string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.RemoveResolution(bg, resolutionID)
}

// OrderCase carries a decision out on a case (new, or one on the agenda), issuing its 交办单 when it
// is handed down.
func (s *MeetingService) OrderCase(resolutionID string, o meetings.CaseOrder) (meetings.Ordered, error) {
	archive, err := s.archive()
	if err != nil {
		return meetings.Ordered{}, err
	}
	out, err := s.o.meetings.OrderCase(bg, archive, resolutionID, o)
	if err == nil {
		s.o.cases.Changed() // the cases screens show the decision
	}
	return out, err
}

// MarkDone records that a decision was carried out.
func (s *MeetingService) MarkDone(resolutionID, date, note string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.MarkDone(bg, resolutionID, date, note)
}

// SaveMinutes keeps the draft minutes.
func (s *MeetingService) SaveMinutes(id string, in meetings.Minutes) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.SaveMinutes(bg, id, in)
}

// CheckFinalise says what finalising the minutes would refuse, changing nothing.
func (s *MeetingService) CheckFinalise(id string) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.o.meetings.CheckFinalise(bg, id)
}

// Finalise locks the minutes and issues the 会议记录 and 会议纪要 with them.
func (s *MeetingService) Finalise(id string) (meetings.Finalised, error) {
	archive, err := s.archive()
	if err != nil {
		return meetings.Finalised{}, err
	}
	return s.o.meetings.Finalise(bg, archive, id)
}

// AddAddendum adds a dated addendum to final minutes and issues the record again.
func (s *MeetingService) AddAddendum(id, date, text string) (docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return docs.Issued{}, err
	}
	return s.o.meetings.AddAddendum(bg, archive, id, date, text)
}

// IssueNotice issues the 会议通知 of a planned meeting.
func (s *MeetingService) IssueNotice(id string) (docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return docs.Issued{}, err
	}
	return s.o.meetings.IssueNotice(bg, archive, id)
}

// Documents lists the papers issued for a meeting, oldest first.
func (s *MeetingService) Documents(id string) ([]docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return nil, err
	}
	return archive.BySource(bg, meetings.Source(id))
}

// Draft renders a meeting's 会议记录 (form "record") or 会议纪要 ("summary") as it stands, for a preview
// before the minutes are final; nothing is archived.
func (s *MeetingService) Draft(id, form string) (DocFile, error) {
	archive, err := s.archive()
	if err != nil {
		return DocFile{}, err
	}
	doc, err := s.o.meetings.Draft(bg, id, form)
	if err != nil {
		return DocFile{}, err
	}
	pdf, err := docs.RenderDocument(archive.Fonts, doc)
	if err != nil {
		return DocFile{}, err
	}
	return draftFile(pdf, doc), nil
}

// RepYears assembles the year of every representative of a village.
func (s *MeetingService) RepYears(villageID string, year int) ([]meetings.RepYear, error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	return s.o.meetings.RepYears(bg, villageID, year)
}

// RepYear assembles one representative's year.
func (s *MeetingService) RepYear(residentID string, year int) (meetings.RepYear, error) {
	if err := s.ready(); err != nil {
		return meetings.RepYear{}, err
	}
	return s.o.meetings.RepYear(bg, residentID, year)
}

// RecordReview records a representative's yearly review.
func (s *MeetingService) RecordReview(in meetings.ReviewInput) (string, error) {
	if err := s.ready(); err != nil {
		return "", err
	}
	return s.o.meetings.RecordReview(bg, in)
}

// IssueReviewNotice issues the 公示 of a village's review results for a year.
func (s *MeetingService) IssueReviewNotice(villageID string, year int, in meetings.NoticeInput) (docs.Issued, error) {
	archive, err := s.archive()
	if err != nil {
		return docs.Issued{}, err
	}
	return s.o.meetings.IssueReviewNotice(bg, archive, villageID, year, in)
}
