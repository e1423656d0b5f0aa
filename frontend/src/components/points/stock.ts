// An article whose stock is this low or lower is shown as running out; none left, as sold out.
export const LOW_STOCK = 5

export type StockLevel = 'out' | 'low' | 'ok'

export const stockLevel = (stock: number): StockLevel => (stock <= 0 ? 'out' : stock <= LOW_STOCK ? 'low' : 'ok')
