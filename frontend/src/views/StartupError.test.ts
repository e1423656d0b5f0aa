import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '../i18n'

const api = vi.hoisted(() => ({ status: vi.fn(), ready: vi.fn(), restoreCopy: vi.fn() }))
vi.mock('../api/app', () => ({ appApi: api }))

import StartupError from './StartupError.vue'

const backup = {
  ok: false, version: '0.1.0', dbPath: '/data/backups/xiangzhi-20261127-080000-daily.db', isBackup: true,
  error: { code: 'invalid', field: 'db', message: '“…”是乡治通的备份，作为正在使用的数据库打开会改动它' },
}

describe('the startup error', () => {
  it('offers to copy a backup out and open the copy', async () => {
    api.restoreCopy.mockResolvedValue('/data/恢复.db')
    const w = mount(StartupError, { props: { status: backup, loadError: '' }, global: { plugins: [i18n] } })
    await w.find('[data-test="restore-copy"]').trigger('click')
    await flushPromises()
    expect(api.restoreCopy).toHaveBeenCalledOnce()
    expect(w.find('[data-test="restored"]').text()).toContain('/data/恢复.db')
  })

  it('offers nothing for another file', () => {
    const w = mount(StartupError, {
      props: { status: { ...backup, isBackup: false, dbPath: '/data/other.db' }, loadError: '' }, global: { plugins: [i18n] },
    })
    expect(w.find('[data-test="restore-copy"]').exists()).toBe(false)
  })
})
