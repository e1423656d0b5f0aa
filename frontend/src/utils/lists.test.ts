import { describe, expect, it } from 'vitest'
import { preferFirst } from './lists'

describe('preferFirst', () => {
  it('moves the preferred items to the front in their order and keeps the rest in order', () => {
    expect(preferFirst(['a', 'b', 'c', 'd', 'e'], ['d', 'b'])).toEqual(['d', 'b', 'a', 'c', 'e'])
  })

  it('leaves out preferred items the list does not hold', () => {
    expect(preferFirst(['a', 'b'], ['x', 'b'])).toEqual(['b', 'a'])
    expect(preferFirst([], ['x'])).toEqual([])
  })
})

describe('the ethnicities of the resident form', () => {
  it('starts with those of the county', async () => {
    const zh = (await import('../langs/zh-cn.json')).default
    const all = ['汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族']
    const list = preferFirst(all, zh.residents.ethnicityFirst.split(','))
    expect(list.slice(0, 6)).toEqual(['汉族', '苗族', '侗族', '瑶族', '土家族', '蒙古族'])
    expect([...list].sort()).toEqual([...all].sort())
  })
})
