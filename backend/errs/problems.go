package errs

import "errors"

// Problems gathers the errors of one form's check, so that a person who saves it sees every field to
// mend at once rather than one a save. Keep each check's error; Err gives them back as one error.
type Problems struct {
	first *Error // the first field error; the others are in its Also
	other error  // the first error that is not a field's (a failed read): it wins
	seen  map[string]bool
}

// Keep records err (nil is nothing). A field error (naming a field: code invalid, or conflict for a
// value another record holds) is kept once a field, and so are those in its Also (a part of the form
// checked by itself); any other error is kept to be returned by Err before any field's.
func (p *Problems) Keep(err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) || (e.Code != Invalid && e.Code != Conflict) || e.Field == "" {
		if p.other == nil {
			p.other = err
		}
		return
	}
	for _, f := range e.All() {
		if p.seen[f.Field] {
			continue
		}
		if p.seen == nil {
			p.seen = map[string]bool{}
		}
		p.seen[f.Field] = true
		kept := &Error{Code: f.Code, Field: f.Field, Message: f.Message, Err: f.Err}
		switch {
		case p.first == nil:
			p.first = kept
		case p.first.Code != Invalid && kept.Code == Invalid: // the whole is invalid input: it leads
			kept.Also, p.first.Also = append([]*Error{p.first}, p.first.Also...), nil
			p.first = kept
		default:
			p.first.Also = append(p.first.Also, kept)
		}
	}
}

// Has says whether an error of field was kept.
func (p *Problems) Has(field string) bool { return p.seen[field] }

// Err returns nil when nothing was kept; else the first error that is not a field's, or the first
// field error with the others in its Also.
func (p *Problems) Err() error {
	if p.other != nil {
		return p.other
	}
	if p.first == nil {
		return nil
	}
	return p.first
}

// Also is err with other kept after it (see Problems): a form's field errors and one more field
// checked against other records — an ID number or a 户编号 another already holds — so that the officer
// hears of it with the rest, not only once the rest is mended.
func Also(err, other error) error {
	var p Problems
	p.Keep(err)
	p.Keep(other)
	return p.Err()
}
