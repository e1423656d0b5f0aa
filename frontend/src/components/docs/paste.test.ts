import { describe, expect, it } from 'vitest'
import { parseTsv } from './paste'

describe('parseTsv', () => {
  it('splits rows copied from Excel into cells, trimming them and dropping empty lines', () => {
    expect(parseTsv('杨秀英\t丹口村三组\t孝老爱亲\r\n 刘志强 \t桃林村一组\t\r\n\r\n')).toEqual([
      ['杨秀英', '丹口村三组', '孝老爱亲'],
      ['刘志强', '桃林村一组', ''],
    ])
  })

  it('reads a quoted cell with a line break, a tab and doubled quotes as one cell', () => {
    expect(parseTsv('"第一行\n第二行"\t"他说""好""\t!"\n下一行\t2')).toEqual([
      ['第一行\n第二行', '他说"好"\t!'],
      ['下一行', '2'],
    ])
  })

  it('keeps a quote in the middle of a cell, and one that does not close a cell, as text', () => {
    expect(parseTsv('12"寸\t"甲"乙\n')).toEqual([['12"寸', '"甲"乙']])
  })

  it('gives nothing for blank text', () => {
    expect(parseTsv('')).toEqual([])
    expect(parseTsv('\n \t \n')).toEqual([])
  })
})
