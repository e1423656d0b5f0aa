package cases

// SetMaxPrefixTerms changes how many trigrams a short word may be looked up by, for a test of the
// LIKE path, and returns the function that puts it back.
func SetMaxPrefixTerms(n int) (restore func()) {
	old := maxPrefixTerms
	maxPrefixTerms = n
	return func() { maxPrefixTerms = old }
}

// SetSortFactor changes how a list weighs sorting against walking an index (0: always sort; a large
// one: always walk a broad query), for a test of both ways, and returns the function that puts it back.
func SetSortFactor(n int) (restore func()) {
	old := sortFactor
	sortFactor = n
	return func() { sortFactor = old }
}
