package app

import (
	"context"
	"sync"
	"testing"
	"time"

	"xiangzhi/backend/errs"
	"xiangzhi/backend/progress"
)

type recorded struct {
	mu     sync.Mutex
	events []TaskProgress
}

func (r *recorded) Emit(name string, data any) {
	if p, ok := data.(TaskProgress); ok && name == "task:progress" {
		r.mu.Lock()
		r.events = append(r.events, p)
		r.mu.Unlock()
	}
}

func TestTasks(t *testing.T) {
	rec := &recorded{}
	s := NewTaskService(rec)
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- s.run("roster:import", func(ctx context.Context, r progress.Reporter) error {
			for i := 0; i <= 1000; i++ {
				r.Report("写入", i, 1000)
			}
			close(started)
			<-ctx.Done()
			return progress.Cancelled(ctx)
		})
	}()
	<-started
	if err := s.run("roster:import", func(context.Context, progress.Reporter) error { return nil }); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("a second import at once: %v", err)
	}
	if !s.Cancel("roster:import") {
		t.Fatal("nothing to cancel")
	}
	select {
	case err := <-done:
		if errs.CodeOf(err) != errs.Conflict {
			t.Errorf("cancelled task: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the task did not stop")
	}
	if s.Cancel("roster:import") {
		t.Error("cancelled a task that had ended")
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	// 1,001 reports in a tight loop: the first and the last pass, most in between are dropped.
	if n := len(rec.events); n < 2 || n > 50 || rec.events[n-1].Done != 1000 || rec.events[0].Task != "roster:import" {
		t.Errorf("%d events: first %+v last %+v", n, rec.events[0], rec.events[n-1])
	}
}
