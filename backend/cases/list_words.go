package cases

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"unicode/utf8"

	"xiangzhi/backend/errs"
)

// searchColumns are the text a case is found by, with the names of its parties (the same as the
// index of migrations 0015 and 0022).
var searchColumns = []string{"number", "summary", "description", "location", "person_name"}

// search is how the words of a query find their cases, each word a substring of a case's text: the
// words found through the full-text index (FTS5 trigram, migration 0015) as one FTS5 query, and those
// matched with LIKE on the cases' text.
type search struct {
	match string   // an FTS5 query, "" for none
	likes []string // conditions on the cases
	args  []any    // of likes
	none  bool     // a word is in no case's text
}

// words reads the words of text: a word of three characters or more is a phrase; a shorter one is
// found through the trigrams that begin with it (every character of the text begins one), read from
// the index's vocabulary. A word so common that it begins more than maxPrefixTerms trigrams is matched
// with LIKE instead, on the cases the other conditions leave.
func (s *Service) words(ctx context.Context, text string) (search, error) {
	var w search
	var match []string
	for _, word := range strings.Fields(text) {
		if utf8.RuneCountInString(word) >= 3 {
			match = append(match, quote(word))
			continue
		}
		terms, err := s.termsFrom(ctx, strings.ToLower(word))
		if err != nil {
			return search{}, err
		}
		switch {
		case len(terms) == 0:
			return search{none: true}, nil
		case len(terms) <= maxPrefixTerms:
			for i := range terms {
				terms[i] = quote(terms[i])
			}
			match = append(match, "("+strings.Join(terms, " OR ")+")")
			continue
		}
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(word) + "%"
		var ors []string
		for _, col := range searchColumns {
			ors = append(ors, col+` LIKE ? ESCAPE '\'`)
			w.args = append(w.args, like)
		}
		ors = append(ors, `id IN (SELECT case_id FROM case_parties WHERE name LIKE ? ESCAPE '\' AND deleted_at IS NULL)`)
		w.args = append(w.args, like)
		w.likes = append(w.likes, "("+strings.Join(ors, " OR ")+")")
	}
	w.match = strings.Join(match, " AND ")
	return w, nil
}

// onCases is the condition of the words on the cases.
func (w search) onCases() ([]string, []any) {
	if w.none {
		return []string{"0"}, nil
	}
	conds, args := slices.Clip(w.likes), slices.Clip(w.args)
	if w.match != "" {
		conds = append(conds, `id IN (SELECT case_id FROM case_search_keys WHERE k IN
			(SELECT rowid FROM case_search WHERE case_search MATCH ?))`)
		args = append(args, w.match)
	}
	return conds, args
}

// indexed reports whether the words are all found through the full-text index.
func (w search) indexed() bool { return w.match != "" && len(w.likes) == 0 && !w.none }

// maxPrefixTerms bounds the trigrams a short word is looked up by.
var maxPrefixTerms = 3000

// termsFrom lists the index's trigrams that begin with prefix, up to one more than maxPrefixTerms.
func (s *Service) termsFrom(ctx context.Context, prefix string) ([]string, error) {
	terms, err := scanAll[string](s.db.SQL().QueryContext(ctx, `SELECT term FROM case_search_vocab WHERE term >= ? AND term < ? LIMIT ?`,
		prefix, prefix+string(utf8.MaxRune), maxPrefixTerms+1))
	if err != nil {
		return nil, errs.Wrap(err, errs.Internal, "查找民情失败")
	}
	return terms, nil
}

// quote is s as an FTS5 string: in double quotes, its own doubled.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// wordsPage reads the page of a query whose words are all in the full-text index from the index and
// the cases' keys (migration 0029), which hold every column the list filters and sorts by: the ids
// of the page's cases, in order, and how many the query picks, counted in the same pass.
func wordsPage(ctx context.Context, db *sql.DB, w search, filters []string, args []any, order listOrder, desc bool,
	offset, limit int) (ids []any, total int, err error) {
	where := strings.Join(append([]string{"k IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)"}, filters...), " AND ")
	args = append([]any{w.match}, args...)
	rows, err := db.QueryContext(ctx, `SELECT case_id, count(*) OVER () FROM case_search_keys WHERE `+where+
		` ORDER BY `+order.by(desc)+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id, &total); err != nil {
			rows.Close()
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	if err := closeRows(rows); err != nil || len(ids) > 0 || offset == 0 {
		return ids, total, err
	}
	// A page past the last: the count alone.
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM case_search_keys WHERE `+where, args...).Scan(&total)
	return nil, total, err
}
