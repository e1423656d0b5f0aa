package errs

import "errors"

// Problems gathers the errors of one form's check, so that a person who saves it sees every field to
// mend at once rather than one a save. Keep each check's error; Err gives them back as one error.
type Problems struct {
	first *Error // the first field error; the others are in its Also
	other error  // the first error that is not a field's (a failed read): it wins
	seen  map[string]bool
}

// Keep records err (nil is nothing). A field error (code invalid, naming a field) is kept once a
// field, and so are those in its Also (a part of the form checked by itself); any other error is kept
// to be returned by Err before any field's.
func (p *Problems) Keep(err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != Invalid || e.Field == "" {
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
		if p.first == nil {
			p.first = kept
		} else {
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
