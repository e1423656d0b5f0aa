//go:build bindings

package app

// This build only writes the frontend's bindings: see generatingBindings.
func init() { generatingBindings = true }
