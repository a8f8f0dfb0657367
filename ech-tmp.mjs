import * as echarts from 'echarts'
const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 260 })
c.setOption({ animation:false, title:{text:'x'}, legend:{}, xAxis: { type: 'category', data: ['a','b'] }, yAxis: { type: 'value' }, series: [{ name:'s1', type: 'line', data: [1,2], markLine:{data:[{yAxis:1.5, name:'bon'}]} }] })
const s = c.renderToSVGString(); console.log(s.match(/style="[^"]*"/g)?.slice(0,5), s.match(/<style[\s\S]*?<\/style>/g)); console.log(s.match(/<text[^>]*>[^<]*<\/text>/g)?.slice(0,3))
