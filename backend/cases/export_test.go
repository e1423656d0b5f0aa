package cases

// SetMaxPrefixTerms changes how many trigrams a short word may be looked up by, for a test of the
// LIKE path, and returns the function that puts it back.
func SetMaxPrefixTerms(n int) (restore func()) {
	old := maxPrefixTerms
	maxPrefixTerms = n
	return func() { maxPrefixTerms = old }
}
