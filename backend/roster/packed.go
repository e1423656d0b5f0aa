package roster

import "encoding/binary"

// packedRow is a valid Row kept between the check and the import as one string: its number, whether
// a party member, each text field and then each tag as its length and bytes. As a Row, a roster's row
// costs some 450 bytes in a dozen allocations; packed, little more than its text (200,000 rows: some
// 30 MB instead of 90).
type packedRow string

// packRow packs r.
func packRow(r Row) packedRow {
	texts := r.texts()
	n := 2*binary.MaxVarintLen64 + 1
	for _, t := range texts {
		n += binary.MaxVarintLen32 + len(*t)
	}
	for _, t := range r.Tags {
		n += binary.MaxVarintLen32 + len(t)
	}
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, uint64(r.Number))
	party := byte(0)
	if r.Resident.PartyMember {
		party = 1
	}
	b = append(b, party)
	for _, t := range texts {
		b = binary.AppendUvarint(b, uint64(len(*t)))
		b = append(b, *t...)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Tags)))
	for _, t := range r.Tags {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	return packedRow(b)
}

// row unpacks the row; its strings share the packed string's memory.
func (p packedRow) row() Row {
	s := string(p)
	next := func() int {
		var v uint64
		var shift uint
		for i := 0; i < len(s); i++ { // binary.Uvarint over a string
			c := s[i]
			v |= uint64(c&0x7f) << shift
			if c < 0x80 {
				s = s[i+1:]
				return int(v)
			}
			shift += 7
		}
		panic("roster: a packed row is cut short") // only packRow makes them
	}
	text := func() string {
		n := next()
		t := s[:n]
		s = s[n:]
		return t
	}
	var r Row
	r.Number = next()
	r.Resident.PartyMember = s[0] == 1
	s = s[1:]
	for _, t := range r.texts() {
		*t = text()
	}
	if n := next(); n > 0 {
		r.Tags = make([]string, n)
		for i := range r.Tags {
			r.Tags[i] = text()
		}
	}
	return r
}

// texts points at the row's text fields, in the order they are packed.
func (r *Row) texts() []*string {
	in := &r.Resident
	return []*string{&r.Village, &r.Piece, &r.Group, &r.Neighbourhood, &r.HouseholdCode, &r.HeadName, &r.Address,
		&in.HouseholdID, &in.Name, &in.Relation, &in.IDNumber, &in.Sex, &in.BirthDate, &in.Ethnicity, &in.Phone,
		&in.Notes}
}
