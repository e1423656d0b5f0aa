package grid

import "xiangzhi/backend/store"

// DBOf gives grid's black-box tests the database under a service, to look at the tables directly;
// the service itself keeps it to itself.
func DBOf(s *Service) *store.DB { return s.db }
