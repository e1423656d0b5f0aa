package app

import (
	"context"
	"sync"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/events"
	"xiangzhi/backend/progress"
)

// TaskService runs the long work the window starts (roster imports, later bundle merges) with a
// context the officer can cancel (the 取消 button calls Cancel) and a progress reporter whose reports
// reach the window as "task:progress" events, at most ten a second, so the window can show a bar.
type TaskService struct {
	events events.Emitter

	mu      sync.Mutex
	running map[string]context.CancelFunc
}

// TaskProgress is the payload of a "task:progress" event.
type TaskProgress struct {
	Task  string `json:"task"`  // e.g. roster:import
	Stage string `json:"stage"` // what is being done, in Chinese
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// NewTaskService returns the service; ev carries the progress events to the window.
func NewTaskService(ev events.Emitter) *TaskService {
	if ev == nil {
		ev = events.Nop{}
	}
	return &TaskService{events: ev, running: map[string]context.CancelFunc{}}
}

// Cancel asks the running task of that name to stop, and reports whether one was running. The task
// ends with a "cancelled" error and leaves nothing half-written.
func (s *TaskService) Cancel(task string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cancel, ok := s.running[task]
	if ok {
		cancel()
	}
	return ok
}

var errBusy = errs.New(errs.Conflict, "上一项同类工作还在进行，请等它完成或取消后再试")

// run runs fn as the named task. A second task of the same name while one runs is refused.
func (s *TaskService) run(task string, fn func(ctx context.Context, r progress.Reporter) error) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s.mu.Lock()
	if _, busy := s.running[task]; busy {
		s.mu.Unlock()
		return errBusy
	}
	s.running[task] = cancel
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.running, task)
		s.mu.Unlock()
	}()
	return fn(ctx, &throttled{task: task, events: s.events, every: 100 * time.Millisecond})
}

// throttled passes a report on when the last one is 'every' old, or when a stage starts or ends.
type throttled struct {
	task   string
	events events.Emitter
	every  time.Duration
	last   time.Time
	stage  string
}

func (t *throttled) Report(stage string, done, total int) {
	now := time.Now()
	if stage == t.stage && done < total && now.Sub(t.last) < t.every {
		return
	}
	t.last, t.stage = now, stage
	t.events.Emit("task:progress", TaskProgress{Task: t.task, Stage: stage, Done: done, Total: total})
}
