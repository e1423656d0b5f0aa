import { describe, expect, it } from 'vitest'
import { ApiError, call, toApiError } from './call'

describe('toApiError', () => {
  it('reads the object of the backend error formatter', () => {
    const e = toApiError({ code: 'invalid', message: '单位名称不能为空', field: 'officeName' })
    expect(e).toBeInstanceOf(ApiError)
    expect([e.code, e.message, e.field]).toEqual(['invalid', '单位名称不能为空', 'officeName'])
  })

  it('reads the other fields\' errors of the same form', () => {
    const e = toApiError({ code: 'invalid', message: '请填写姓名', field: 'name', also: [{ field: 'phone', message: '电话号码应为 11 位' }, { bad: 1 }] })
    expect(e.also).toEqual([{ field: 'phone', message: '电话号码应为 11 位' }])
    expect(e.problems().map((p) => p.field)).toEqual(['name', 'phone'])
    expect(toApiError({ code: 'internal', message: 'x' }).problems()).toEqual([])
    expect(e.byForm(['name'])).toEqual({ mine: { name: '请填写姓名' }, elsewhere: ['电话号码应为 11 位'] })
    expect(toApiError({ code: 'internal', message: 'x' }).byForm(['name'])).toEqual({ mine: {}, elsewhere: ['x'] })
  })

  it('reads the same object sent as JSON text', () => {
    const e = toApiError(JSON.stringify({ code: 'conflict', message: '已有相同的记录' }))
    expect([e.code, e.message, e.field]).toEqual(['conflict', '已有相同的记录', undefined])
  })

  it('turns plain text and unknown codes into internal errors', () => {
    expect(toApiError('boom')).toMatchObject({ code: 'internal', message: 'boom' })
    expect(toApiError({ code: 'weird', message: 'x' }).code).toBe('internal')
    expect(toApiError(undefined).code).toBe('internal')
  })
})

describe('call', () => {
  it('passes results through', async () => {
    await expect(call(async () => 42)).resolves.toBe(42)
  })

  it('throws an ApiError for a rejected binding', async () => {
    const p = call(() => Promise.reject({ code: 'not_found', message: '没有找到这条记录' }))
    await expect(p).rejects.toBeInstanceOf(ApiError)
    await expect(p).rejects.toMatchObject({ code: 'not_found', message: '没有找到这条记录' })
  })
})
